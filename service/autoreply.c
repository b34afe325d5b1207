/* autoreply.c — see autoreply.h */
#include "bureau/autoreply.h"

#include <stdlib.h>
#include <string.h>

#include "bureau/compose.h"
#include "bureau/util.h"

static const char *const robots[] = {
    "mailer-daemon", "postmaster", "noreply", "no-reply", "do-not-reply", "donotreply",
    "bounce", "bounces", "listserv", "majordomo", "owner-",
};

int autoreply_is_robot(const char *addr)
{
    if (!addr)
        return 1;
    const char *at = strchr(addr, '@');
    size_t n = at ? (size_t)(at - addr) : strlen(addr);
    for (size_t i = 0; i < BU_ARRAY_LEN(robots); i++) {
        size_t rn = strlen(robots[i]);
        int prefix = robots[i][rn - 1] == '-';
        if ((prefix ? n > rn : n == rn) && strncasecmp(addr, robots[i], rn) == 0)
            return 1;
    }
    return n > 8 && strncasecmp(addr + n - 8, "-request", 8) == 0;
}

/* 1 if addr appears in the comma- or space-separated list. */
static int in_addr_list(const char *list, const char *addr)
{
    size_t an = strlen(addr);
    for (const char *p = list; p && *p;) {
        p += strspn(p, ", \t");
        size_t n = strcspn(p, ", \t");
        if (n == an && n > 0 && strncasecmp(p, addr, n) == 0)
            return 1;
        p += n;
    }
    return 0;
}

int autoreply_is_own(const struct config *cfg, const char *addr)
{
    if (!cfg || !addr)
        return 0;
    if (cfg->smtp.from_addr && str_casecmp_ascii(cfg->smtp.from_addr, addr) == 0)
        return 1;
    for (size_t i = 0; i < cfg->n_accounts; i++)
        if (cfg->accounts[i].user && str_casecmp_ascii(cfg->accounts[i].user, addr) == 0)
            return 1;
    return in_addr_list(cfg->own_addresses, addr);
}

/* 1 if addr's domain is one of the list's domains or a subdomain of one. */
static int in_domain_list(const char *list, const char *addr)
{
    const char *at = strrchr(addr, '@');
    if (!at || !at[1])
        return 0;
    const char *dom = at + 1;
    size_t dn = strlen(dom);
    for (const char *p = list; p && *p;) {
        p += strspn(p, ", \t");
        size_t n = strcspn(p, ", \t");
        const char *d = p;
        size_t k = n;
        if (k && *d == '@')
            d++, k--;
        if (k && (dn == k || (dn > k && dom[dn - k - 1] == '.')) &&
            strncasecmp(dom + dn - k, d, k) == 0)
            return 1;
        p += n;
    }
    return 0;
}

int autoreply_is_internal(const struct config *cfg, const struct rules *r, const char *addr)
{
    if (!addr || !*addr || autoreply_is_own(cfg, addr))
        return 0;
    size_t nd;
    const struct department *d = rules_departments(r, &nd);
    for (size_t i = 0; i < nd; i++)
        for (size_t h = 0; h < d[i].n_heads; h++)
            if (str_casecmp_ascii(d[i].heads[h], addr) == 0)
                return 1;
    return cfg && in_domain_list(cfg->internal_domains, addr);
}

/* First word of a header value, trimmed, compared case-insensitively. */
static int value_is(const char *v, const char *word)
{
    size_t n = strlen(word);
    v += strspn(v, " \t");
    return strncasecmp(v, word, n) == 0 && (v[n] == '\0' || strchr(" \t;(", v[n]));
}

static const char *header_refusal(const struct msg *m)
{
    const char *v = msg_header(m, "Auto-Submitted");
    if (v && !value_is(v, "no"))
        return "Auto-Submitted (RFC 3834)";
    v = msg_header(m, "Precedence");
    if (v && (value_is(v, "bulk") || value_is(v, "junk") || value_is(v, "list")))
        return "Precedence bulk/junk/list";
    if (msg_header(m, "List-Id") || msg_header(m, "List-Unsubscribe"))
        return "mailing list (List-Id)";
    v = msg_header(m, "X-Spam-Flag");
    if (v && value_is(v, "yes"))
        return "X-Spam-Flag: YES";
    v = msg_header(m, "X-Autoreply");
    if (v && value_is(v, "yes"))
        return "X-Autoreply";
    v = msg_header(m, "X-Auto-Response-Suppress");
    if (v && (strcasestr(v, "All") || strcasestr(v, "AutoReply")))
        return "X-Auto-Response-Suppress";
    return NULL;
}

const char *autoreply_robot(const struct msg *m)
{
    if (m->is_dsn)
        return "delivery status notification";
    if (m->return_path && m->return_path[0] == '\0')
        return "empty Return-Path";
    if (m->from_addr && (autoreply_is_robot(m->from_addr) ||
                         (m->return_path && autoreply_is_robot(m->return_path))))
        return "MAILER-DAEMON / postmaster / no-reply sender";
    const char *v = msg_header(m, "Auto-Submitted");
    if (v && !value_is(v, "no"))
        return "Auto-Submitted (RFC 3834)";
    v = msg_header(m, "Precedence");
    if (v && (value_is(v, "bulk") || value_is(v, "junk") || value_is(v, "list")))
        return "Precedence bulk/junk/list";
    if (msg_header(m, "List-Id") || msg_header(m, "List-Unsubscribe"))
        return "mailing list (List-Id / List-Unsubscribe)";
    v = msg_header(m, "X-Autoreply");
    if (v && value_is(v, "yes"))
        return "X-Autoreply";
    return NULL;
}

const char *autoreply_refusal(const struct config *cfg, const struct msg *m)
{
    if (m->is_dsn)
        return "delivery status notification";
    if (m->return_path && m->return_path[0] == '\0')
        return "empty Return-Path";
    if (!m->from_addr || !compose_addr_valid(m->from_addr))
        return "no valid sender address";
    if (autoreply_is_robot(m->from_addr) ||
        (m->return_path && autoreply_is_robot(m->return_path)))
        return "MAILER-DAEMON / postmaster / no-reply sender";
    if (autoreply_is_own(cfg, m->from_addr))
        return "sent from one of our own addresses";
    return header_refusal(m);
}

int autoreply_tx_take(struct store *s, const char *addr, unsigned cap, char **cause)
{
    char day[11];
    fmt_date(now_epoch(), day);
    char *lower = xstrdup(addr);
    for (char *p = lower; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    int rc = -1;
    sqlite3_stmt *st = store_stmt(s,
                                  "INSERT INTO auto_counts (rcpt, day, n) VALUES (?1, ?2, 1) "
                                  "ON CONFLICT (rcpt, day) DO UPDATE SET n = n + 1 "
                                  "WHERE ?3 = 0 OR n < ?3",
                                  cause);
    if (!st)
        goto done;
    sqlite3_bind_text(st, 1, lower, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, day, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, cap);
    if (sqlite3_step(st) != SQLITE_DONE) {
        set_cause(cause, "auto_counts: %s", sqlite3_errmsg(store_db(s)));
        goto done;
    }
    rc = sqlite3_changes(store_db(s)) > 0 ? 1 : 0;
done:
    if (st)
        sqlite3_reset(st);
    free(lower);
    return rc;
}
