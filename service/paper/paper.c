/* paper.c — see paper.h. A letter checked, turned into a record (an RFC
 * 5322 message holding the scans) and a struct msg, and registered by the
 * pipeline with its paper facts in the same transaction. */
#include "bureau/paper.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/calendar.h"
#include "bureau/compose.h"
#include "bureau/config.h"
#include "bureau/msg.h"

#define NO_ADDRESS "sans-adresse@papier.invalid" /* RFC 2606: no such domain */

const char *paper_scan_type(const char *data, size_t len)
{
    static const struct {
        const char *magic;
        size_t n;
        const char *type;
    } sig[] = {
        {"%PDF-", 5, "application/pdf"},
        {"\xff\xd8\xff", 3, "image/jpeg"},
        {"\x89PNG\r\n\x1a\n", 8, "image/png"},
        {"II*\0", 4, "image/tiff"},
        {"MM\0*", 4, "image/tiff"},
    };
    for (size_t i = 0; i < sizeof sig / sizeof sig[0]; i++)
        if (len >= sig[i].n && memcmp(data, sig[i].magic, sig[i].n) == 0)
            return sig[i].type;
    if (len >= 12 && memcmp(data, "RIFF", 4) == 0 && memcmp(data + 8, "WEBP", 4) == 0)
        return "image/webp";
    return NULL;
}

static int blank(const char *s)
{
    for (; s && *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n')
            return 0;
    return 1;
}

/* A field a person typed: valid UTF-8, no control characters but line ends
 * and tabs when multiline, at most max bytes, not blank when required. */
static int text_field(const char *what, const char *s, size_t max, int multiline,
                      int required, char **cause)
{
    if (!s || !*s) {
        if (required)
            set_cause(cause, "%s: required", what);
        return required ? -1 : 0;
    }
    size_t n = strlen(s);
    if (n > max) {
        set_cause(cause, "%s: %zu bytes, at most %zu", what, n, max);
        return -1;
    }
    if (!utf8_valid(s, n)) {
        set_cause(cause, "%s: not valid UTF-8", what);
        return -1;
    }
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p < 32 && !(multiline && (*p == '\n' || *p == '\t'))) || *p == 127) {
            set_cause(cause, "%s: control characters%s", what,
                      multiline ? "" : " (one line only)");
            return -1;
        }
    if (required && blank(s)) {
        set_cause(cause, "%s: required", what);
        return -1;
    }
    return 0;
}

static int date_field(const char *s, char **cause)
{
    int64_t day;
    if (!s || !*s)
        return 0;
    if (calendar_parse_day(s, &day) < 0) {
        set_cause(cause, "letter date: \"%.20s\" is not a date YYYY-MM-DD", s);
        return -1;
    }
    if (day > calendar_local_day(now_epoch())) {
        set_cause(cause, "letter date: %s is after today", s);
        return -1;
    }
    return 0;
}

static int scans_ok(const struct paper_letter *l, char **cause)
{
    size_t total = 0;
    if (l->n_scans > PAPER_MAX_SCANS) {
        set_cause(cause, "scans: %zu files, at most %d", l->n_scans, PAPER_MAX_SCANS);
        return -1;
    }
    for (size_t i = 0; i < l->n_scans; i++) {
        const struct paper_scan *sc = &l->scans[i];
        const char *label = sc->name && utf8_valid(sc->name, strlen(sc->name)) &&
                                    !str_has_ctl(sc->name, 0) && strlen(sc->name) <= 200
                                ? sc->name
                                : "";
        if (sc->len == 0) {
            set_cause(cause, "scan %zu (%s): empty file", i + 1, label);
            return -1;
        }
        if (!paper_scan_type(sc->data, sc->len)) {
            set_cause(cause, "scan %zu (%s): not a PDF or an image (JPEG, PNG, TIFF, WebP)",
                      i + 1, label);
            return -1;
        }
        total += sc->len;
        if (total > PAPER_MAX_SCAN_BYTES) {
            set_cause(cause, "scans: more than %u MiB in all", PAPER_MAX_SCAN_BYTES >> 20);
            return -1;
        }
    }
    return 0;
}

int paper_check(const struct paper_letter *l, const struct rules *r, char **cause)
{
    if (!l->channel || (strcmp(l->channel, "counter") != 0 && strcmp(l->channel, "post") != 0)) {
        set_cause(cause, "channel: \"counter\" (handed in) or \"post\"");
        return -1;
    }
    if (text_field("sender", l->sender_name, PAPER_MAX_NAME, 0, 1, cause) < 0 ||
        text_field("subject", l->subject, PAPER_MAX_SUBJECT, 0, 1, cause) < 0 ||
        text_field("summary", l->summary, PAPER_MAX_SUMMARY, 1, 1, cause) < 0 ||
        text_field("postal address", l->postal_address, PAPER_MAX_ADDRESS, 1, 0, cause) < 0 ||
        text_field("letter reference", l->letter_ref, PAPER_MAX_REF, 0, 0, cause) < 0 ||
        date_field(l->letter_date, cause) < 0)
        return -1;
    if (l->sender_email && *l->sender_email && !compose_addr_valid(l->sender_email)) {
        set_cause(cause, "email: not a valid address (name@domain)");
        return -1;
    }
    if (l->department && (!r || !rules_department(r, l->department))) {
        set_cause(cause, "department: \"%.64s\" is not one of the rules' departments",
                  l->department);
        return -1;
    }
    if (l->kind && (!r || !rules_kind(r, l->kind))) {
        set_cause(cause, "kind: \"%.64s\" is not one of the rules' kinds", l->kind);
        return -1;
    }
    return scans_ok(l, cause);
}

static const char *or_empty(const char *s)
{
    return s && *s ? s : NULL;
}

/* The record's text: what the clerk typed, labelled in both languages. */
static char *record_text(const struct paper_letter *l, const char *clerk)
{
    struct buf b;
    buf_init(&b, 64 * 1024);
    buf_printf(&b, "%s — %s\n\n",
               strcmp(l->channel, "post") == 0 ? "Courrier reçu par la poste"
                                                : "Courrier déposé au guichet",
               strcmp(l->channel, "post") == 0 ? "رسالة وردت بالبريد" : "رسالة أودعت بالشباك");
    buf_printf(&b, "Enregistré par / سجلها : %s\n", clerk);
    buf_printf(&b, "Expéditeur / المرسل : %s\n", l->sender_name);
    if (or_empty(l->sender_email))
        buf_printf(&b, "Courriel / البريد الإلكتروني : %s\n", l->sender_email);
    if (or_empty(l->postal_address))
        buf_printf(&b, "Adresse postale / العنوان البريدي :\n%s\n", l->postal_address);
    if (or_empty(l->letter_date))
        buf_printf(&b, "Date de la lettre / تاريخ الرسالة : %s\n", l->letter_date);
    if (or_empty(l->letter_ref))
        buf_printf(&b, "Référence / المرجع : %s\n", l->letter_ref);
    buf_printf(&b, "\nRésumé / ملخص :\n%s\n", l->summary);
    return buf_steal(&b);
}

static char *scan_name(const struct paper_scan *sc, size_t i, const char *type)
{
    char *clean = sc->name ? compose_header_clean(sc->name, 200) : NULL;
    const char *base = clean;
    for (const char *p = clean; p && *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    char *name;
    if (base && !blank(base))
        name = xstrdup(base);
    else
        name = xasprintf("scan-%zu.%s", i + 1, strchr(type, '/') + 1);
    free(clean);
    return name;
}

struct record {
    char *raw;
    size_t len;
    struct msg m;
};

/* The original bytes of the letter and the msg the register keeps. */
static int build_record(const struct config *cfg, const struct paper_letter *l,
                        const char *clerk, struct record *rec, char **cause)
{
    struct compose_file *files = xcalloc(l->n_scans ? l->n_scans : 1, sizeof *files);
    msg_init(&rec->m);
    rec->m.att = xcalloc(l->n_scans ? l->n_scans : 1, sizeof *rec->m.att);
    for (size_t i = 0; i < l->n_scans; i++) {
        const struct paper_scan *sc = &l->scans[i];
        const char *type = paper_scan_type(sc->data, sc->len);
        struct msg_attachment *a = &rec->m.att[rec->m.n_att++];
        a->filename = scan_name(sc, i, type);
        a->content_type = xstrdup(type);
        a->size = sc->len;
        sha256_hex(sc->data, sc->len, a->sha256);
        files[i] = (struct compose_file){a->filename, a->content_type, sc->data, sc->len};
    }
    const char *own = cfg->smtp.from_addr && compose_addr_valid(cfg->smtp.from_addr)
                          ? cfg->smtp.from_addr
                          : "bureau@papier.invalid";
    char *text = record_text(l, clerk), *msgid = compose_message_id(own), *used = NULL;
    struct compose_input in = {
        .from_addr = or_empty(l->sender_email) ? l->sender_email : NO_ADDRESS,
        .from_name = l->sender_name, .to_addr = own, .to_name = cfg->org_name_fr,
        .subject = l->subject, .text = text, .files = files, .n_files = l->n_scans,
        .message_id = msgid,
    };
    int rc = compose_build(&in, &rec->raw, &rec->len, &used, cause);
    free(text);
    free(files);
    free(msgid);
    if (rc < 0)
        return -1;
    rec->m.message_id = used;
    if (or_empty(l->letter_date))
        (void)parse_date_ymd(l->letter_date, &rec->m.date);  /* checked: the letter's date */
    rec->m.subject = xstrdup(l->subject);
    rec->m.from_name = xstrdup(l->sender_name);
    rec->m.from_addr = or_empty(l->sender_email) ? xstrdup(l->sender_email) : NULL;
    rec->m.to = xstrdup(own);
    rec->m.body = xstrdup(l->summary);
    rec->m.body_charset = xstrdup("utf-8");
    return 0;
}

struct facts_arg {
    const struct paper_letter *l;
    const char *clerk;
};

static int bind_or_null(sqlite3_stmt *st, int i, const char *s)
{
    return or_empty(s) ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

/* In the registration's transaction: the paper row and its event. */
static int facts_tx(struct store *s, int64_t entry_id, void *arg, char **cause)
{
    const struct facts_arg *fa = arg;
    const struct paper_letter *l = fa->l;
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT INTO paper_letters (entry_id, channel, "
                                  "postal_address, letter_date, letter_ref, registered_by) "
                                  "VALUES (?, ?, ?, ?, ?, ?)",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, entry_id);
    sqlite3_bind_text(st, 2, l->channel, -1, SQLITE_STATIC);
    bind_or_null(st, 3, l->postal_address);
    bind_or_null(st, 4, l->letter_date);
    bind_or_null(st, 5, l->letter_ref);
    sqlite3_bind_text(st, 6, fa->clerk, -1, SQLITE_STATIC);
    int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
    if (rc < 0)
        set_cause(cause, "paper letter: %s", sqlite3_errmsg(store_db(s)));
    sqlite3_reset(st);
    if (rc < 0)
        return -1;
    char *d = xasprintf("%s%s%s%s%s; %zu scan(s)%s",
                        strcmp(l->channel, "post") == 0 ? "paper letter received by post"
                                                        : "paper letter handed in at the counter",
                        or_empty(l->letter_date) ? ", dated " : "",
                        or_empty(l->letter_date) ? l->letter_date : "",
                        or_empty(l->letter_ref) ? ", reference " : "",
                        or_empty(l->letter_ref) ? l->letter_ref : "", l->n_scans,
                        or_empty(l->sender_email)
                            ? ""
                            : "; no email address: the printed receipt is the acknowledgement");
    rc = store_event(s, entry_id, fa->clerk, "paper", d, cause);
    free(d);
    return rc;
}

int paper_register(struct pipeline *p, const struct paper_letter *l, struct pipe_result *res)
{
    char *cause = NULL;
    memset(res, 0, sizeof *res);
    if (paper_check(l, p->rules, &cause) < 0) {
        res->outcome = PIPE_TEMPFAIL;
        res->reason = cause;
        return -1;
    }
    struct record rec = {0};
    if (build_record(p->cfg, l, p->actor, &rec, &cause) < 0) {
        msg_free(&rec.m);
        res->outcome = PIPE_TEMPFAIL;
        res->reason = cause;
        return -1;
    }
    struct facts_arg fa = {l, p->actor};
    struct pipe_source src = {.source = strcmp(l->channel, "post") == 0 ? "paper:post"
                                                                         : "paper:counter"};
    struct pipe_given g = {.department = l->department, .kind = l->kind, .also_tx = facts_tx,
                           .arg = &fa};
    int rc = pipeline_register_given(p, rec.raw, rec.len, &rec.m, &src, &g, res);
    msg_free(&rec.m);
    free(rec.raw);
    return rc;
}

int paper_get(struct store *s, int64_t entry_id, struct paper_facts *f, char **cause)
{
    memset(f, 0, sizeof *f);
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT channel, postal_address, letter_date, letter_ref, "
                                  "registered_by FROM paper_letters WHERE entry_id = ?",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, entry_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        char **out[] = {&f->channel, &f->postal_address, &f->letter_date, &f->letter_ref,
                        &f->registered_by};
        for (int i = 0; i < 5; i++)
            *out[i] = xstrdup((const char *)sqlite3_column_text(st, i));
    } else if (rc != SQLITE_DONE)
        set_cause(cause, "paper letter: %s", sqlite3_errmsg(store_db(s)));
    sqlite3_reset(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

void paper_facts_free(struct paper_facts *f)
{
    free(f->channel);
    free(f->postal_address);
    free(f->letter_date);
    free(f->letter_ref);
    free(f->registered_by);
    memset(f, 0, sizeof *f);
}
