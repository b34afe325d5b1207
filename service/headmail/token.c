/* token.c — see headtoken.h */
#include "bureau/headtoken.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bureau/compose.h"
#include "bureau/util.h"

#define REF_PREFIX "hm."

static void need_sodium(void)
{
    if (sodium_init() < 0) {
        fputs("bureau: libsodium cannot be initialised\n", stderr);
        exit(71);
    }
}

void headtoken_new(char out[HEADTOKEN_LEN + 1])
{
    unsigned char raw[HEADTOKEN_LEN / 2];
    need_sodium();
    randombytes_buf(raw, sizeof raw);
    sodium_bin2hex(out, HEADTOKEN_LEN + 1, raw, sizeof raw);
    sodium_memzero(raw, sizeof raw);
}

void headtoken_hash(const char *token, size_t len, char out[HEADTOKEN_HASH_LEN + 1])
{
    unsigned char h[HEADTOKEN_HASH_LEN / 2];
    need_sodium();
    crypto_generichash(h, sizeof h, (const unsigned char *)token, len, NULL, 0);
    sodium_bin2hex(out, HEADTOKEN_HASH_LEN + 1, h, sizeof h);
}

static int numchar(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

char *headtoken_number_part(const char *number)
{
    char *s = xstrdup(number ? number : "");
    for (char *p = s; *p; p++)
        if (!numchar(*p))
            *p = '-';
    return s;
}

/* Splits pattern into prefix, middle and suffix around {number} and
 * {token}: 0, or -1 when it does not hold both once, in that order. */
struct pattern {
    const char *pre, *mid, *suf;
    size_t npre, nmid, nsuf;
};

static int split_pattern(const char *pattern, struct pattern *p)
{
    const char *n = pattern ? strstr(pattern, "{number}") : NULL;
    const char *t = n ? strstr(n, "{token}") : NULL;
    if (!t || strstr(n + 8, "{number}") || strstr(t + 7, "{token}") || strstr(t + 7, "{number}"))
        return -1;
    *p = (struct pattern){pattern, n + 8, t + 7, (size_t)(n - pattern), (size_t)(t - n - 8),
                          strlen(t + 7)};
    return 0;
}

char *headtoken_address(const char *pattern, const char *number, const char *token)
{
    struct pattern p;
    if (!pattern || split_pattern(pattern, &p) < 0)
        return NULL;
    char *num = headtoken_number_part(number);
    char *a = xasprintf("%.*s%s%.*s%s%s", (int)p.npre, p.pre, num, (int)p.nmid, p.mid, token,
                        p.suf);
    free(num);
    if (!compose_addr_valid(a)) {
        free(a);
        return NULL;
    }
    return a;
}

int headtoken_pattern_check(const char *pattern, char **cause)
{
    char tok[HEADTOKEN_LEN + 1];
    memset(tok, 'a', HEADTOKEN_LEN);
    tok[HEADTOKEN_LEN] = '\0';
    struct pattern p;
    if (split_pattern(pattern, &p) < 0) {
        set_cause(cause, "head_reply_address must hold {number} then {token}, once each");
        return -1;
    }
    char *a = headtoken_address(pattern, "2026/000123", tok);
    if (!a) {
        set_cause(cause, "head_reply_address does not give a valid mail address");
        return -1;
    }
    free(a);
    return 0;
}

char *headtoken_ref(const char *number, const char *token, const char *from_addr)
{
    const char *at = from_addr ? strrchr(from_addr, '@') : NULL;
    char *num = headtoken_number_part(number);
    char *r = xasprintf(REF_PREFIX "%s.%s@%s", num, token, at && at[1] ? at + 1 : "bureau");
    free(num);
    return r;
}

static int hex_token(const char *p, char low[HEADTOKEN_LEN + 1])
{
    for (size_t i = 0; i < HEADTOKEN_LEN; i++) {
        char c = p[i];
        if (c >= 'A' && c <= 'F')
            c = (char)(c - 'A' + 'a');
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return 0;
        low[i] = c;
    }
    low[HEADTOKEN_LEN] = '\0';
    return 1;
}

static int number_ok(const char *p, size_t n)
{
    if (n == 0 || n > HEADTOKEN_MAX_NUMBER)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!numchar(p[i]))
            return 0;
    return 1;
}

static int found(const char *num, size_t nlen, const char *tok, char **number,
                 char hash[HEADTOKEN_HASH_LEN + 1])
{
    char low[HEADTOKEN_LEN + 1];
    if (!number_ok(num, nlen) || !hex_token(tok, low))
        return 0;
    *number = xstrndup(num, nlen);
    headtoken_hash(low, HEADTOKEN_LEN, hash);
    return 1;
}

/* One address a[0..n) against the pattern. */
static int match_addr(const struct pattern *p, const char *a, size_t n, char **number,
                      char hash[HEADTOKEN_HASH_LEN + 1])
{
    size_t fixed = p->npre + p->nmid + p->nsuf + HEADTOKEN_LEN;
    if (n <= fixed || n > COMPOSE_MAX_ADDR || strncasecmp(a, p->pre, p->npre) != 0 ||
        strncasecmp(a + n - p->nsuf, p->suf, p->nsuf) != 0)
        return 0;
    const char *tok = a + n - p->nsuf - HEADTOKEN_LEN;
    const char *mid = tok - p->nmid;
    if (strncasecmp(mid, p->mid, p->nmid) != 0)
        return 0;
    return found(a + p->npre, (size_t)(mid - a - p->npre), tok, number, hash);
}

static int match_list(const struct pattern *p, const char *list, char **number,
                      char hash[HEADTOKEN_HASH_LEN + 1])
{
    for (const char *q = list; q && *q;) {
        q += strspn(q, ", \t<>");
        size_t n = strcspn(q, ", \t<>");
        if (n && match_addr(p, q, n, number, hash))
            return 1;
        q += n;
    }
    return 0;
}

static int match_ref(const char *id, size_t n, char **number, char hash[HEADTOKEN_HASH_LEN + 1])
{
    size_t pl = strlen(REF_PREFIX);
    if (n < pl + 2 + HEADTOKEN_LEN + 2 || strncmp(id, REF_PREFIX, pl) != 0)
        return 0;
    const char *num = id + pl, *dot = memchr(num, '.', n - pl);
    if (!dot || (size_t)(id + n - dot) < HEADTOKEN_LEN + 2 || dot[1 + HEADTOKEN_LEN] != '@')
        return 0;
    return found(num, (size_t)(dot - num), dot + 1, number, hash);
}

static int match_refs(const char *list, char **number, char hash[HEADTOKEN_HASH_LEN + 1])
{
    int tries = 0;
    for (const char *q = list; q && *q && tries < COMPOSE_MAX_REFERENCES * 2; tries++) {
        q += strspn(q, " \t<>");
        size_t n = strcspn(q, " \t<>");
        if (n && n < 256 && match_ref(q, n, number, hash))
            return 1;
        q += n;
    }
    return 0;
}

/* "[BO NUMBER] ... [#TOKEN]" in the subject (the fallback without
 * plus-addressing: the routed mail's subject, a digest's link). */
static int match_subject(const char *subj, char **number, char hash[HEADTOKEN_HASH_LEN + 1])
{
    const char *t = subj ? strstr(subj, "[#") : NULL;
    const char *b = subj ? strstr(subj, "[BO ") : NULL;
    const char *be = b ? strchr(b + 4, ']') : NULL;
    if (!t || !be || (size_t)(be - b) > HEADTOKEN_MAX_NUMBER + 8 ||
        strnlen(t + 2, HEADTOKEN_LEN + 1) < HEADTOKEN_LEN + 1 || t[2 + HEADTOKEN_LEN] != ']')
        return 0;
    char *num = xstrndup(b + 4, (size_t)(be - b - 4));
    char *part = headtoken_number_part(str_trim(num));
    int rc = found(part, strlen(part), t + 2, number, hash);
    free(part);
    free(num);
    return rc;
}

int headtoken_find(const char *pattern, const struct msg *m, char **number,
                   char hash[HEADTOKEN_HASH_LEN + 1])
{
    struct pattern p;
    *number = NULL;
    if (pattern && split_pattern(pattern, &p) == 0) {
        const char *lists[] = {m->to, m->cc, msg_header(m, "Delivered-To"),
                               msg_header(m, "X-Original-To")};
        for (size_t i = 0; i < BU_ARRAY_LEN(lists); i++)
            if (match_list(&p, lists[i], number, hash))
                return 1;
    }
    return match_refs(m->in_reply_to, number, hash) || match_refs(m->references, number, hash) ||
           match_subject(m->subject, number, hash);
}

/* --- the store ------------------------------------------------------------ */

static int step_done(struct store *s, sqlite3_stmt *st, char **cause)
{
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        set_cause(cause, "head_tokens: %s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    return 0;
}

int headtoken_tx_void(struct store *s, int64_t entry_id, const char *dept, const char *why,
                      char **cause)
{
    sqlite3_stmt *st = store_stmt(s,
                                  "UPDATE head_tokens SET voided_at = ?, voided_why = ? "
                                  "WHERE entry_id = ? AND voided_at IS NULL "
                                  "AND (?4 IS NULL OR department <> ?4)",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, now_epoch());
    sqlite3_bind_text(st, 2, why ? why : "re-routed", -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, entry_id);
    if (dept)
        sqlite3_bind_text(st, 4, dept, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, 4);
    return step_done(s, st, cause);
}

int headtoken_tx_issue(struct store *s, int64_t entry_id, const char *dept,
                       char token[HEADTOKEN_LEN + 1], char **cause)
{
    char hash[HEADTOKEN_HASH_LEN + 1];
    char *why = xasprintf("routed to %s", dept);
    int rc = headtoken_tx_void(s, entry_id, dept, why, cause);
    free(why);
    if (rc < 0)
        return -1;
    headtoken_new(token);
    headtoken_hash(token, HEADTOKEN_LEN, hash);
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT INTO head_tokens (entry_id, department, token_hash, "
                                  "created_at) VALUES (?, ?, ?, ?)",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, entry_id);
    sqlite3_bind_text(st, 2, dept, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, hash, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 4, now_epoch());
    return step_done(s, st, cause);
}

int headtoken_check(struct store *s, int64_t entry_id, const char *hash, char **dept,
                    char **cause)
{
    *dept = NULL;
    if (!hash || strlen(hash) != HEADTOKEN_HASH_LEN)
        return HEADTOKEN_NONE;
    sqlite3_stmt *st = store_stmt(s,
                                  "SELECT token_hash, department, voided_at IS NOT NULL "
                                  "FROM head_tokens WHERE entry_id = ? ORDER BY id",
                                  cause);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, entry_id);
    int verdict = HEADTOKEN_WRONG, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *h = (const char *)sqlite3_column_text(st, 0);
        if (!h || sqlite3_column_bytes(st, 0) != HEADTOKEN_HASH_LEN ||
            sodium_memcmp(h, hash, HEADTOKEN_HASH_LEN) != 0)
            continue;
        free(*dept);
        *dept = xstrdup((const char *)sqlite3_column_text(st, 1));
        verdict = sqlite3_column_int(st, 2) ? HEADTOKEN_VOID : HEADTOKEN_VALID;
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(*dept);
        *dept = NULL;
        set_cause(cause, "head_tokens: %s", sqlite3_errmsg(store_db(s)));
        return -1;
    }
    return verdict;
}
