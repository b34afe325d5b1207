/* templates.c — see templates.h */
#include "bureau/templates.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/compose.h"
#include "bureau/util.h"

#define MAX_NAME 64
#define MAX_NEST 8

enum { SEC_SUBJECT, SEC_TEXT, SEC_HTML, SEC_N };
static const char *const sec_names[SEC_N] = {"[subject]", "[text]", "[html]"};

struct tmpl {
    char *name;
    char *file;
    char *source;          /* the file's text, as loaded */
    size_t source_len;
    char sha256[65];       /* of source */
    char *sec[SEC_N];
    int sec_line[SEC_N];   /* file line of the first line of the section */
};

struct templates {
    struct tmpl *v;
    size_t n;
};

#define COMMON_VARS "org_fr", "org_ar", "from_addr", "public_url", "today"
#define ENTRY_VARS                                                                         \
    "number", "tag", "received_date", "received_time", "kind", "kind_fr", "kind_ar",        \
        "department", "department_fr", "department_ar", "due_date", "subject",              \
        "sender_name", "sender_addr", "status", "status_fr", "status_ar", "body", "urgent", \
        "needs_triage", "n_attachments", "status_command", "due_date_open"

static const char *const vars_ack[] = {COMMON_VARS, ENTRY_VARS, "track_url", NULL};
static const char *const vars_routed[] = {COMMON_VARS, ENTRY_VARS, "urgent_reason", "reopened_reason",
                                          "reply_addr", "reply_tag", NULL};
static const char *const vars_status[] = {COMMON_VARS, ENTRY_VARS, "old_status",
                                          "old_status_fr", "old_status_ar", "note", "code",
                                          "code_fr", "code_ar", "transferred_to", "notice_fr",
                                          "notice_ar", NULL};
static const char *const vars_followup[] = {COMMON_VARS, ENTRY_VARS, "followup_from",
                                            "followup_name", "followup_subject",
                                            "followup_body", "followup_date", "reply_addr",
                                            "reply_tag", NULL};
static const char *const vars_digest[] = {COMMON_VARS, "department", "department_fr",
                                          "department_ar", "date", "n_due_soon", "n_overdue",
                                          "n_open", "items", "items_html", "escalation",
                                          NULL};

static const char *const vars_routed_digest[] = {
    COMMON_VARS, "department", "department_fr", "department_ar", "sender_addr", "date",
    "n_items", "n_more", "cap", "items", "items_html", NULL};

static const char *const vars_departure[] = {
    COMMON_VARS, "departure_number", "departure_date", "subject", "addressee_name", "body_ar",
    "body_fr", "code", "code_fr", "code_ar", "status_fr", "status_ar", "outcome_fr", "outcome_ar",
    "attachments", "other_numbers", "number", "tag", "received_date", "arrival_subject", "kind_fr", "kind_ar",
    "remedies", NULL};
static const char *const vars_oversize[] = {COMMON_VARS, "subject", "sender_name",
                                            "sender_addr", "size", "limit", "quarantine_id",
                                            "received_date", NULL};

static const char *const vars_head_done[] = {COMMON_VARS, ENTRY_VARS, "mail_subject", "done",
                                             "refused", NULL};
static const char *const vars_head_refused[] = {COMMON_VARS, "number", "tag", "mail_subject",
                                                "refused", "reason_fr", "reason_ar", NULL};

static const char *const required[] = {"ack", "routed", "status", "followup"};

const char *const *templates_known_vars(const char *name)
{
    if (!name)
        return NULL;
    if (strcmp(name, "ack") == 0)
        return vars_ack;
    if (strcmp(name, "routed") == 0)
        return vars_routed;
    if (strcmp(name, "status") == 0)
        return vars_status;
    if (strcmp(name, "followup") == 0)
        return vars_followup;
    if (strcmp(name, "digest") == 0)
        return vars_digest;
    if (strcmp(name, "departure") == 0)
        return vars_departure;
    if (strcmp(name, "oversize") == 0)
        return vars_oversize;
    if (strcmp(name, "routed_digest") == 0)
        return vars_routed_digest;
    if (strcmp(name, "head_done") == 0)
        return vars_head_done;
    if (strcmp(name, "head_refused") == 0)
        return vars_head_refused;
    return NULL;
}

static int in_list(const char *const *list, const char *s, size_t n)
{
    for (; *list; list++)
        if (strlen(*list) == n && strncmp(*list, s, n) == 0)
            return 1;
    return 0;
}

void rendered_free(struct rendered *r)
{
    if (!r)
        return;
    free(r->subject);
    free(r->text);
    free(r->html);
    memset(r, 0, sizeof *r);
}

static void tmpl_free(struct tmpl *t)
{
    free(t->name);
    free(t->file);
    free(t->source);
    for (int i = 0; i < SEC_N; i++)
        free(t->sec[i]);
}

void templates_free(struct templates *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++)
        tmpl_free(&t->v[i]);
    free(t->v);
    free(t);
}

/* --- parsing a {{tag}} -------------------------------------------------- */

struct tag {
    char kind;          /* 'v' variable, '#' if set, '^' if unset, '/' end */
    int raw;            /* {{var|raw}} */
    const char *name;
    size_t name_len;
    size_t len;         /* of the whole tag, braces included */
};

static int name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}

/* p points at "{{". Returns 0 with *t filled, -1 with a message. */
static int tag_parse(const char *p, struct tag *t, const char **msg)
{
    const char *q = p + 2, *end = strstr(q, "}}");
    memset(t, 0, sizeof *t);
    if (!end || memchr(q, '\n', (size_t)(end - q))) {
        *msg = "unclosed {{";
        return -1;
    }
    t->kind = 'v';
    if (*q == '#' || *q == '^' || *q == '/')
        t->kind = *q++;
    t->name = q;
    while (q < end && name_char(*q))
        q++;
    t->name_len = (size_t)(q - t->name);
    if (t->kind == 'v' && end - q == 4 && strncmp(q, "|raw", 4) == 0) {
        t->raw = 1;
        q = end;
    }
    if (t->name_len == 0 || t->name_len > MAX_NAME || q != end) {
        *msg = "bad tag: expected {{name}}, {{name|raw}}, {{#name}}, {{^name}} or {{/name}}";
        return -1;
    }
    t->len = (size_t)(end + 2 - p);
    return 0;
}

/* --- loading ------------------------------------------------------------- */

static void diag(struct buf *errs, const char *file, int line, int col, const char *msg)
{
    buf_printf(errs, "%s:%d:%d: %s\n", file, line, col, msg);
}

static void check_section(const struct tmpl *t, int sec, struct buf *errs)
{
    const char *s = t->sec[sec], *line_start = s;
    const char *const *known = templates_known_vars(t->name);
    const char *stack[MAX_NEST];
    size_t stack_len[MAX_NEST];
    int depth = 0, line = t->sec_line[sec];
    for (const char *p = s; *p; p++) {
        if (*p == '\n') {
            line++;
            line_start = p + 1;
            continue;
        }
        if (p[0] != '{' || p[1] != '{')
            continue;
        struct tag tg;
        const char *msg = NULL;
        int col = (int)(p - line_start) + 1;
        if (tag_parse(p, &tg, &msg) < 0) {
            diag(errs, t->file, line, col, msg);
            return;
        }
        if (known && !in_list(known, tg.name, tg.name_len)) {
            char nm[MAX_NAME + 1];
            memcpy(nm, tg.name, tg.name_len);
            nm[tg.name_len] = '\0';
            char *m = xasprintf("unknown variable '%s' (see docs/templates.md)", nm);
            diag(errs, t->file, line, col, m);
            free(m);
        }
        if (tg.kind == '#' || tg.kind == '^') {
            if (depth == MAX_NEST) {
                diag(errs, t->file, line, col, "conditionals nested too deep");
                return;
            }
            stack[depth] = tg.name;
            stack_len[depth++] = tg.name_len;
        } else if (tg.kind == '/') {
            if (depth == 0 || stack_len[depth - 1] != tg.name_len ||
                strncmp(stack[depth - 1], tg.name, tg.name_len) != 0) {
                diag(errs, t->file, line, col, "{{/...}} does not close the open block");
                return;
            }
            depth--;
        }
        p += tg.len - 1;
    }
    if (depth > 0)
        diag(errs, t->file, line, 1, "unclosed {{#...}} or {{^...}} block");
}

static int section_of(const char *line, size_t n)
{
    while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
        n--;
    for (int i = 0; i < SEC_N; i++)
        if (strlen(sec_names[i]) == n && strncmp(line, sec_names[i], n) == 0)
            return i;
    return -1;
}

static void parse_file(struct tmpl *t, const char *data, struct buf *errs)
{
    struct buf cur;
    int sec = -1, lineno = 0;
    buf_init(&cur, TEMPLATES_MAX_FILE_SIZE + 1);
    for (const char *p = data; *p;) {
        size_t n = strcspn(p, "\n");
        int next = section_of(p, n);
        lineno++;
        if (next >= 0) {
            if (sec >= 0)
                t->sec[sec] = buf_steal(&cur);
            sec = next;
            if (t->sec[sec])
                diag(errs, t->file, lineno, 1, "section appears twice");
            free(t->sec[sec]);
            t->sec[sec] = NULL;
            t->sec_line[sec] = lineno + 1;
        } else if (sec >= 0) {
            buf_append(&cur, p, n);
            if (p[n] == '\n')
                buf_putc(&cur, '\n');
        } else if (n > 0 && p[0] != '#' && strspn(p, " \t\r") < n) {
            diag(errs, t->file, lineno, 1, "text before the first section");
        }
        p += n + (p[n] == '\n');
    }
    if (sec >= 0)
        t->sec[sec] = buf_steal(&cur);
    buf_free(&cur);
    if (!t->sec[SEC_SUBJECT] || !t->sec[SEC_TEXT])
        diag(errs, t->file, 1, 1, "a template needs [subject] and [text] sections");
    for (int i = 0; i < SEC_N; i++)
        if (t->sec[i])
            check_section(t, i, errs);
}

/* Parses data (len bytes, NUL-terminated) as template name into ts,
 * which owns data afterwards. */
static void add_parsed(struct templates *ts, const char *name, char *file, char *data,
                       size_t len, struct buf *errs)
{
    struct tmpl *t = &ts->v[ts->n++];
    memset(t, 0, sizeof *t);
    t->name = xstrdup(name);
    t->file = file;
    t->source = data;
    t->source_len = len;
    sha256_hex(data, len, t->sha256);
    parse_file(t, data, errs);
}

static int valid_text(const char *data, size_t len)
{
    return utf8_valid(data, len) && !memchr(data, '\0', len);
}

static int load_one(struct templates *ts, const char *dir, const char *fname, struct buf *errs)
{
    char *path = xasprintf("%s/%s", dir, fname), *data = NULL, *why = NULL;
    size_t len = 0;
    if (file_read_all(path, TEMPLATES_MAX_FILE_SIZE, &data, &len, &why) < 0) {
        buf_printf(errs, "%s:1:1: %s\n", path, why ? why : "cannot read");
        free(why);
        free(path);
        return -1;
    }
    if (!valid_text(data, len)) {
        buf_printf(errs, "%s:1:1: not valid UTF-8 text\n", path);
        free(data);
        free(path);
        return -1;
    }
    char *name = xstrndup(fname, strlen(fname) - 5);
    add_parsed(ts, name, path, data, len, errs);
    free(name);
    return 0;
}

static int is_tmpl_name(const char *n)
{
    size_t len = strlen(n);
    if (len <= 5 || len > MAX_NAME || strcmp(n + len - 5, ".tmpl") != 0 || n[0] == '.')
        return 0;
    for (size_t i = 0; i < len - 5; i++)
        if (!name_char(n[i]) && n[i] != '-')
            return 0;
    return 1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t list_dir(const char *dir, char **names, struct buf *errs)
{
    DIR *d = opendir(dir);
    size_t n = 0;
    if (!d) {
        buf_printf(errs, "%s:1:1: cannot open the templates directory\n", dir);
        return 0;
    }
    for (struct dirent *de = readdir(d); de; de = readdir(d)) {
        if (!is_tmpl_name(de->d_name))
            continue;
        if (n == TEMPLATES_MAX_FILES) {
            buf_printf(errs, "%s:1:1: more than %d templates\n", dir, TEMPLATES_MAX_FILES);
            break;
        }
        names[n++] = xstrdup(de->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    return n;
}

int templates_load(const char *dir, struct templates **out, char **cause)
{
    struct buf errs;
    char *names[TEMPLATES_MAX_FILES];
    struct templates *ts = xcalloc(1, sizeof *ts);
    buf_init(&errs, 64 * 1024);
    if (!dir) {
        set_cause(cause, "no templates directory configured");
        goto fail;
    }
    size_t n = list_dir(dir, names, &errs);
    ts->v = xcalloc(n ? n : 1, sizeof *ts->v);
    for (size_t i = 0; i < n; i++) {
        load_one(ts, dir, names[i], &errs);
        free(names[i]);
    }
    for (size_t i = 0; i < BU_ARRAY_LEN(required); i++)
        if (!templates_has(ts, required[i]))
            buf_printf(&errs, "%s/%s.tmpl:1:1: required template missing\n", dir, required[i]);
    if (errs.len > 0) {
        set_cause(cause, "%s", errs.data);
        goto fail;
    }
    buf_free(&errs);
    *out = ts;
    return 0;
fail:
    buf_free(&errs);
    templates_free(ts);
    return -1;
}

static const struct tmpl *find(const struct templates *ts, const char *name)
{
    for (size_t i = 0; ts && i < ts->n; i++)
        if (strcmp(ts->v[i].name, name) == 0)
            return &ts->v[i];
    return NULL;
}

int templates_source(const struct templates *ts, const char *name, const char **text,
                     size_t *len, const char **sha256)
{
    const struct tmpl *t = find(ts, name);
    if (!t)
        return -1;
    *text = t->source;
    *len = t->source_len;
    *sha256 = t->sha256;
    return 0;
}

int templates_from_source(const char *name, const char *text, size_t len,
                          struct templates **out, char **cause)
{
    if (len > TEMPLATES_MAX_FILE_SIZE || !valid_text(text, len)) {
        set_cause(cause, "template '%s': not valid UTF-8 text of at most %d bytes", name,
                  TEMPLATES_MAX_FILE_SIZE);
        return -1;
    }
    struct templates *ts = xcalloc(1, sizeof *ts);
    struct buf errs;
    buf_init(&errs, 64 * 1024);
    ts->v = xcalloc(1, sizeof *ts->v);
    add_parsed(ts, name, xasprintf("(stored %s)", name), xstrndup(text, len), len, &errs);
    if (errs.len > 0) {
        set_cause(cause, "%s", errs.data);
        buf_free(&errs);
        templates_free(ts);
        return -1;
    }
    buf_free(&errs);
    *out = ts;
    return 0;
}

int templates_has(const struct templates *t, const char *name)
{
    return find(t, name) != NULL;
}

/* --- rendering ----------------------------------------------------------- */

static const struct tvar *var_find(const struct tvar *vars, size_t n, const char *name,
                                   size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (vars[i].name && strlen(vars[i].name) == len && strncmp(vars[i].name, name, len) == 0)
            return &vars[i];
    return NULL;
}


static int put_value(struct buf *b, const struct tag *tg, const char *v, int sec)
{
    if (!v)
        return 0;
    if (sec == SEC_HTML && !tg->raw)
        return buf_html_escape(b, v);
    return buf_puts(b, v);
}

struct render_ctx {
    const struct tmpl *t;
    const struct tvar *vars;
    size_t n;
    int strict;
};

static int render_section(const struct render_ctx *rc, int sec, char **out, char **cause)
{
    struct buf b;
    int active[MAX_NEST + 1] = {1}, depth = 0;
    buf_init(&b, TEMPLATES_MAX_OUTPUT);
    for (const char *p = rc->t->sec[sec]; *p; p++) {
        struct tag tg;
        const char *msg = NULL;
        if (p[0] != '{' || p[1] != '{' || tag_parse(p, &tg, &msg) < 0) {
            if (active[depth] && buf_putc(&b, *p) < 0)
                goto toolong;
            continue;
        }
        const struct tvar *v = var_find(rc->vars, rc->n, tg.name, tg.name_len);
        int set = v && v->value && *v->value;
        if ((tg.kind == '#' || tg.kind == '^') && depth < MAX_NEST) {
            depth++;
            active[depth] = active[depth - 1] && (tg.kind == '#' ? set : !set);
        } else if (tg.kind == '/' && depth > 0) {
            depth--;
        } else if (tg.kind == 'v' && active[depth]) {
            if (!v && rc->strict) {
                set_cause(cause, "template %s: variable '%.*s' not given", rc->t->name,
                          (int)tg.name_len, tg.name);
                buf_free(&b);
                return -1;
            }
            if (put_value(&b, &tg, v ? v->value : NULL, sec) < 0)
                goto toolong;
        }
        p += tg.len - 1;
    }
    *out = buf_steal(&b);
    return 0;
toolong:
    set_cause(cause, "template %s: output over %d bytes", rc->t->name, TEMPLATES_MAX_OUTPUT);
    buf_free(&b);
    return -1;
}

int templates_render(const struct templates *ts, const char *name, const struct tvar *vars,
                     size_t n, struct rendered *out, char **cause)
{
    const struct tmpl *t = find(ts, name);
    memset(out, 0, sizeof *out);
    if (!t) {
        set_cause(cause, "no template named '%s'", name);
        return -1;
    }
    struct render_ctx rc = {t, vars, n, templates_known_vars(name) == NULL};
    char *subject = NULL;
    if (render_section(&rc, SEC_SUBJECT, &subject, cause) < 0 ||
        render_section(&rc, SEC_TEXT, &out->text, cause) < 0 ||
        (t->sec[SEC_HTML] && render_section(&rc, SEC_HTML, &out->html, cause) < 0)) {
        free(subject);
        rendered_free(out);
        return -1;
    }
    char *clean = compose_header_clean(subject, COMPOSE_MAX_HEADER_VALUE);
    out->subject = xstrdup(str_trim(clean));
    free(clean);
    free(subject);
    return 0;
}
