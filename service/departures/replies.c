/* replies.c — canned answers (templates/replies/NAME.reply): bilingual
 * texts per kind and closure code with the entry's variables, checked when
 * they are loaded (see departure.h, docs/templates.md). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/compose.h"
#include "bureau/lifecycle.h"
#include "bureau/util.h"
#include "dep_int.h"

#define REPLIES_MAX_FILES 200
#define REPLIES_MAX_FILE (64 * 1024)
#define REPLY_MAX_NAME 100
#define REPLY_MAX_NEST 8

enum { R_SUBJECT, R_AR, R_FR, R_N };
static const char *const sec_names[R_N] = {"[subject]", "[ar]", "[fr]"};

static const char *const reply_vars[] = {
    "org_fr", "org_ar", "today", "number", "tag", "received_date", "kind_fr", "kind_ar",
    "department_fr", "department_ar", "subject", "sender_name", "sender_addr", "due_date",
    "code_fr", "code_ar", NULL};

struct reply {
    char *name, *kind, *code;
    char *sec[R_N];
};

struct replies {
    struct reply *v;
    size_t n;
};

void replies_free(struct replies *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->n; i++) {
        free(r->v[i].name);
        free(r->v[i].kind);
        free(r->v[i].code);
        for (int k = 0; k < R_N; k++)
            free(r->v[i].sec[k]);
    }
    free(r->v);
    free(r);
}

static int known_var(const char *s, size_t n)
{
    for (size_t i = 0; reply_vars[i]; i++)
        if (strlen(reply_vars[i]) == n && !strncmp(reply_vars[i], s, n))
            return 1;
    return 0;
}

static int name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_';
}

/* One {{...}} tag at p: its kind ('v', '#', '^', '/'), name and length. */
struct rtag {
    char kind;
    const char *name;
    size_t name_len, len;
};

static int rtag_parse(const char *p, struct rtag *t)
{
    const char *q = p + 2, *end = strstr(q, "}}");
    if (!end || memchr(q, '\n', (size_t)(end - q)))
        return -1;
    t->kind = 'v';
    if (*q == '#' || *q == '^' || *q == '/')
        t->kind = *q++;
    t->name = q;
    while (q < end && name_char(*q))
        q++;
    t->name_len = (size_t)(q - t->name);
    if (t->name_len == 0 || q != end)
        return -1;
    t->len = (size_t)(end + 2 - p);
    return 0;
}

/* Checks every tag of a section; problems go to errs as file:line:col. */
static void check_tags(const char *file, const char *s, int line0, struct buf *errs, int *n)
{
    int line = line0, depth = 0;
    const char *bol = s;
    for (const char *p = s; *p; p++) {
        if (*p == '\n') {
            line++;
            bol = p + 1;
            continue;
        }
        if (p[0] != '{' || p[1] != '{')
            continue;
        struct rtag t;
        int col = (int)(p - bol) + 1;
        if (rtag_parse(p, &t) < 0) {
            buf_printf(errs, "%s:%d:%d: bad tag: expected {{name}}, {{#name}}, {{^name}} or "
                             "{{/name}}\n", file, line, col);
            (*n)++;
            continue;
        }
        if (!known_var(t.name, t.name_len)) {
            buf_printf(errs, "%s:%d:%d: unknown variable '%.*s' (docs/templates.md, canned "
                             "answers)\n", file, line, col, (int)t.name_len, t.name);
            (*n)++;
        }
        depth += t.kind == '#' || t.kind == '^' ? 1 : t.kind == '/' ? -1 : 0;
        if (depth < 0 || depth > REPLY_MAX_NEST) {
            buf_printf(errs, "%s:%d:%d: unbalanced {{/%.*s}}\n", file, line, col,
                       (int)t.name_len, t.name);
            (*n)++;
            depth = 0;
        }
        p += t.len - 1;
    }
    if (depth != 0) {
        buf_printf(errs, "%s:%d:1: a {{#...}} or {{^...}} block is not closed\n", file, line);
        (*n)++;
    }
}

static int header_line(struct reply *r, const char *line)
{
    char **dst = !strncmp(line, "kind:", 5) ? &r->kind : !strncmp(line, "code:", 5) ? &r->code
                                                                                     : NULL;
    if (!dst)
        return -1;
    char *v = xstrdup(line + 5);
    free(*dst);
    *dst = xstrdup(str_trim(v));
    free(v);
    return 0;
}

/* Parses one file's text into r; problems to errs. */
static void parse_reply(const char *file, char *text, struct reply *r, struct buf *errs,
                        int *n)
{
    struct buf sec[R_N];
    int cur = -1, line = 0, start[R_N] = {0};
    for (int k = 0; k < R_N; k++)
        buf_init(&sec[k], REPLIES_MAX_FILE);
    for (char *save = text, *l; (l = strsep(&save, "\n")) != NULL;) {
        line++;
        size_t len = strlen(l);
        if (len && l[len - 1] == '\r')
            l[--len] = '\0';
        int found = -1;
        for (int k = 0; k < R_N; k++)
            if (!strcmp(l, sec_names[k]))
                found = k;
        if (found >= 0) {
            cur = found;
            start[cur] = line + 1;
            continue;
        }
        if (cur < 0) {
            if (*l && *l != '#' && header_line(r, l) < 0) {
                buf_printf(errs, "%s:%d:1: expected a comment, kind:, code: or [subject]\n",
                           file, line);
                (*n)++;
            }
            continue;
        }
        buf_puts(&sec[cur], l);
        buf_putc(&sec[cur], '\n');
    }
    for (int k = 0; k < R_N; k++) {
        while (sec[k].len && sec[k].data[sec[k].len - 1] == '\n')
            sec[k].data[--sec[k].len] = '\0';
        if (k != R_SUBJECT && !sec[k].len) {
            buf_printf(errs, "%s:%d:1: a canned answer needs both [ar] and [fr]\n", file, line);
            (*n)++;
        }
        r->sec[k] = sec[k].len ? buf_steal(&sec[k]) : (buf_free(&sec[k]), NULL);
        if (r->sec[k])
            check_tags(file, r->sec[k], start[k], errs, n);
    }
    if (r->code && !departure_code_valid(r->code)) {
        buf_printf(errs, "%s:1:1: unknown closure code \"%s\" (one of: %s)\n", file, r->code,
                   departure_code_list());
        (*n)++;
    }
}

static int load_one(const char *dir, const char *fname, struct replies *rs, struct buf *errs,
                    int *n)
{
    char *path = xasprintf("%s/%s", dir, fname), *text = NULL, *cause = NULL;
    size_t len = 0;
    if (file_read_all(path, REPLIES_MAX_FILE, &text, &len, &cause) < 0 ||
        !utf8_valid(text, len) || memchr(text, '\0', len)) {
        buf_printf(errs, "%s:0:0: %s\n", path, cause ? cause : "not valid UTF-8 text");
        (*n)++;
        free(cause);
        free(text);
        free(path);
        return -1;
    }
    struct reply *r = &rs->v[rs->n++];
    memset(r, 0, sizeof *r);
    r->name = xstrndup(fname, strlen(fname) - strlen(".reply"));
    parse_reply(path, text, r, errs, n);
    free(text);
    free(path);
    return 0;
}

int replies_load(const char *dir, struct replies **out, char **cause)
{
    DIR *d = opendir(dir);
    if (!d) {
        set_cause(cause, "%s: cannot open the canned answers' directory", dir);
        return -1;
    }
    struct replies *rs = xcalloc(1, sizeof *rs);
    rs->v = xcalloc(REPLIES_MAX_FILES, sizeof *rs->v);
    struct buf errs;
    buf_init(&errs, 256 * 1024);
    int n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && rs->n < REPLIES_MAX_FILES) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] == '.' || l <= 6 || l > REPLY_MAX_NAME ||
            strcmp(de->d_name + l - 6, ".reply") != 0)
            continue;
        (void)load_one(dir, de->d_name, rs, &errs, &n);
    }
    closedir(d);
    if (n) {
        set_cause(cause, "%s", errs.data);
        buf_free(&errs);
        replies_free(rs);
        return -1;
    }
    buf_free(&errs);
    *out = rs;
    return 0;
}

static const struct reply *find(const struct replies *r, const char *name)
{
    for (size_t i = 0; r && name && i < r->n; i++)
        if (!strcmp(r->v[i].name, name))
            return &r->v[i];
    return NULL;
}

const char *replies_find(const struct replies *r, const char *kind, const char *code)
{
    char name[256];
    snprintf(name, sizeof name, "%s.%s", kind ? kind : "", code ? code : "answered");
    const struct reply *p = find(r, name);
    if (!p)
        p = find(r, code ? code : "answered");
    return p ? p->name : NULL;
}

const char *replies_code(const struct replies *r, const char *name)
{
    const struct reply *p = find(r, name);
    return p ? p->code : NULL;
}

/* --- rendering ------------------------------------------------------------ */

struct rvars {
    struct tvar v[24];
    char *owned[24];
    size_t n;
};

static void rv(struct rvars *vs, const char *name, const char *value, int owned)
{
    if (vs->n < 24) {
        vs->owned[vs->n] = owned ? (char *)value : NULL;
        vs->v[vs->n++] = (struct tvar){name, value};
    } else if (owned) {
        free((char *)value);
    }
}

static void entry_vars(struct rvars *vs, const struct config *cfg, const struct rules *rules,
                       const struct entry *e, const char *code)
{
    char today[11], recv[11];
    const struct kind *k = rules ? rules_kind(rules, e->kind) : NULL;
    const struct department *d = rules ? rules_department(rules, e->department) : NULL;
    fmt_date(now_epoch(), today);
    fmt_date(e->received_at, recv);
    rv(vs, "org_fr", cfg->org_name_fr, 0);
    rv(vs, "org_ar", cfg->org_name_ar, 0);
    rv(vs, "today", xstrdup(today), 1);
    rv(vs, "number", e->number, 0);
    rv(vs, "tag", xasprintf("[BO %s]", e->number), 1);
    rv(vs, "received_date", xstrdup(recv), 1);
    rv(vs, "kind_fr", k && k->name_fr ? k->name_fr : e->kind, 0);
    rv(vs, "kind_ar", k && k->name_ar ? k->name_ar : e->kind, 0);
    rv(vs, "department_fr", d && d->name_fr ? d->name_fr : e->department, 0);
    rv(vs, "department_ar", d && d->name_ar ? d->name_ar : e->department, 0);
    rv(vs, "subject", compose_header_clean(e->subject, 300), 1);
    rv(vs, "sender_name", e->sender_name ? compose_header_clean(e->sender_name, 200) : NULL, 1);
    rv(vs, "sender_addr", e->sender_addr, 0);
    rv(vs, "due_date", e->due_date, 0);
    rv(vs, "code_fr", dep_code_fr(code), 0);
    rv(vs, "code_ar", dep_code_ar(code), 0);
}

/* A variable used outside any {{#...}}/{{^...}} block with no value. */
static const char *missing_var(const char *s, const struct rvars *vs, size_t *len)
{
    int depth = 0;
    for (const char *p = s; p && *p; p++) {
        struct rtag t;
        if (p[0] != '{' || p[1] != '{' || rtag_parse(p, &t) < 0)
            continue;
        depth += t.kind == '#' || t.kind == '^' ? 1 : t.kind == '/' ? -1 : 0;
        if (t.kind == 'v' && depth == 0) {
            int set = 0;
            for (size_t i = 0; i < vs->n; i++)
                if (strlen(vs->v[i].name) == t.name_len &&
                    !strncmp(vs->v[i].name, t.name, t.name_len))
                    set = vs->v[i].value && *vs->v[i].value;
            if (!set) {
                *len = t.name_len;
                return t.name;
            }
        }
        p += t.len - 1;
    }
    return NULL;
}

static int render_text(const char *name, const char *sec, const struct rvars *vs, char **out,
                       char **cause)
{
    char *src = xasprintf("[subject]\n-\n[text]\n%s\n", sec);
    struct templates *t = NULL;
    struct rendered rd = {0};
    int rc = templates_from_source(name, src, strlen(src), &t, cause);
    if (rc == 0)
        rc = templates_render(t, name, vs->v, vs->n, &rd, cause);
    if (rc == 0) {
        *out = rd.text;
        rd.text = NULL;
        size_t l = strlen(*out);
        while (l && (*out)[l - 1] == '\n')
            (*out)[--l] = '\0';
    }
    rendered_free(&rd);
    templates_free(t);
    free(src);
    return rc;
}

int replies_render(const struct replies *r, const char *name, const struct config *cfg,
                   const struct rules *rules, const struct entry *e, const char *code,
                   char **subject, char **body_ar, char **body_fr, char **cause)
{
    const struct reply *p = find(r, name);
    *subject = *body_ar = *body_fr = NULL;
    if (!p) {
        set_cause(cause, "no canned answer named \"%s\" (templates/replies/%s.reply)", name,
                  name);
        return -1;
    }
    struct rvars vs = {0};
    entry_vars(&vs, cfg, rules, e, code ? code : p->code);
    char **outs[R_N] = {subject, body_ar, body_fr};
    int rc = 0;
    for (int k = 0; k < R_N && rc == 0; k++) {
        size_t len = 0;
        const char *miss = missing_var(p->sec[k], &vs, &len);
        if (miss) {
            set_cause(cause, "canned answer %s uses {{%.*s}}, which %s has no value for",
                      name, (int)len, miss, e->number);
            rc = -1;
        } else if (p->sec[k]) {
            rc = render_text(name, p->sec[k], &vs, outs[k], cause);
        }
    }
    for (size_t i = 0; i < vs.n; i++)
        free(vs.owned[i]);
    if (rc < 0) {
        free(*subject);
        free(*body_ar);
        free(*body_fr);
        *subject = *body_ar = *body_fr = NULL;
    }
    return rc;
}
