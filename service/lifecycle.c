/* lifecycle.c — see lifecycle.h */
#include "bureau/lifecycle.h"

#include <string.h>

#include "bureau/util.h"


static const struct lifecycle_label statuses[] = {
    {"registered", "Enregistré", "مسجل"},
    {"routed", "Transmis au service compétent", "محال على المصلحة المختصة"},
    {"in-progress", "En cours de traitement", "في طور المعالجة"},
    {"answered", "Réponse envoyée", "تمت الإجابة"},
    {"closed", "Clôturé", "مغلق"},
    {"rejected", "Rejeté", "مرفوض"},
    {"transferred", "Transmis à un autre organisme", "محال على جهة أخرى"},
};

static const struct lifecycle_label codes[] = {
    {"not-official-form", "Non présentée dans la forme officielle (art. 7)",
     "غير مقدمة وفق النموذج الرسمي (المادة 7)"},
    {"before-court", "Affaire déjà portée devant la justice", "القضية معروضة على القضاء"},
    {"outside-remit", "Hors des attributions de la commune", "خارج اختصاص الجماعة"},
    {"insulting", "Contenu injurieux ou diffamatoire", "تتضمن سبا أو قذفا"},
    {"unclear", "Imprécise ou non fondée", "غير واضحة أو غير مبررة"},
    {LIFECYCLE_NOT_RECEIVABLE,
     "Non recevable : message automatique (robot, publicité, liste de diffusion)",
     "غير مقبول: رسالة آلية (روبوت، إشهار، قائمة بريدية)"},
};

static const struct {
    const char *from;
    const char *to;
} transitions[] = {
    {"registered", "routed"},      {"registered", "in-progress"}, {"registered", "answered"},
    {"registered", "rejected"},    {"registered", "transferred"}, {"routed", "in-progress"},
    {"routed", "answered"},        {"routed", "rejected"},        {"routed", "transferred"},
    {"in-progress", "answered"},   {"in-progress", "rejected"},   {"in-progress", "transferred"},
    {"answered", "closed"},        {"answered", "in-progress"},   {"closed", "in-progress"},
    {"rejected", "in-progress"},   {"transferred", "in-progress"},
};

static const struct lifecycle_label *find(const struct lifecycle_label *v, size_t n,
                                          const char *id)
{
    for (size_t i = 0; id && i < n; i++)
        if (strcmp(v[i].id, id) == 0)
            return &v[i];
    return NULL;
}

int lifecycle_status_valid(const char *s)
{
    return find(statuses, BU_ARRAY_LEN(statuses), s) != NULL;
}

int lifecycle_code_valid(const char *code)
{
    return find(codes, BU_ARRAY_LEN(codes), code) != NULL;
}

int lifecycle_is_open(const char *s)
{
    return s && (!strcmp(s, "registered") || !strcmp(s, "routed") || !strcmp(s, "in-progress"));
}

int lifecycle_move_ok(const char *from, const char *to, const char *code)
{
    int nr = code && !strcmp(code, LIFECYCLE_NOT_RECEIVABLE);
    if (to && !strcmp(to, "closed") && nr)
        return lifecycle_is_open(from);
    return lifecycle_transition_ok(from, to);
}

int lifecycle_code_fits(const char *from, const char *to, const char *code)
{
    int nr = code && !strcmp(code, LIFECYCLE_NOT_RECEIVABLE);
    if (to && !strcmp(to, "rejected"))
        return lifecycle_code_valid(code) && !nr;
    if (to && !strcmp(to, "closed") && lifecycle_is_open(from))
        return nr;
    return code == NULL;
}

const struct lifecycle_label *lifecycle_codes(size_t *n)
{
    *n = BU_ARRAY_LEN(codes);
    return codes;
}

int lifecycle_transition_ok(const char *from, const char *to)
{
    for (size_t i = 0; from && to && i < BU_ARRAY_LEN(transitions); i++)
        if (strcmp(transitions[i].from, from) == 0 && strcmp(transitions[i].to, to) == 0)
            return 1;
    return 0;
}

int lifecycle_citizen_facing(const char *status)
{
    static const char *const facing[] = {"in-progress", "answered", "closed", "rejected",
                                         "transferred"};
    for (size_t i = 0; status && i < BU_ARRAY_LEN(facing); i++)
        if (strcmp(facing[i], status) == 0)
            return 1;
    return 0;
}

const char *lifecycle_status_fr(const char *s)
{
    const struct lifecycle_label *l = find(statuses, BU_ARRAY_LEN(statuses), s);
    return l ? l->fr : s;
}

const char *lifecycle_status_ar(const char *s)
{
    const struct lifecycle_label *l = find(statuses, BU_ARRAY_LEN(statuses), s);
    return l ? l->ar : s;
}

const char *lifecycle_code_fr(const char *code)
{
    const struct lifecycle_label *l = find(codes, BU_ARRAY_LEN(codes), code);
    return l ? l->fr : code;
}

const char *lifecycle_code_ar(const char *code)
{
    const struct lifecycle_label *l = find(codes, BU_ARRAY_LEN(codes), code);
    return l ? l->ar : code;
}

const char *lifecycle_status_list(void)
{
    return "registered routed in-progress answered closed rejected transferred";
}

const char *lifecycle_code_list(void)
{
    return "not-official-form before-court outside-remit insulting unclear not-receivable";
}
