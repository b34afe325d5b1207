/* figures.c — the figures of a year in the console (décret 2-17-265's
 * report, as `bureau stats` gives it in full): arrivals per month, by kind,
 * by department, and the share answered within the legal deadline, drawn
 * as SVG on the server (no script; presentation attributes only, so the
 * CSP's style-src 'self' holds). A head sees the figures of their
 * departments only (WEB_SCOPE_SQL). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web_int.h"

#define BARS_MAX 32

struct bars {
    char *label[BARS_MAX];
    long v[BARS_MAX];
    size_t n;
};

static void bars_free(struct bars *b)
{
    for (size_t i = 0; i < b->n; i++)
        free(b->label[i]);
}

static void collect(struct req *r, const char *sql, int year, struct bars *out, int what)
{
    sqlite3_stmt *st = NULL;
    memset(out, 0, sizeof *out);
    if (sqlite3_prepare_v2(store_db(r->c->store), sql, -1, &st, NULL) != SQLITE_OK)
        return;
    web_scope_bind(r, st);
    sqlite3_bind_int(st, 1, year);
    while (sqlite3_step(st) == SQLITE_ROW && out->n < BARS_MAX) {
        const char *k = (const char *)sqlite3_column_text(st, 0);
        const char *l = what == 1 ? web_kind_label(r, k) : what == 2 ? web_dept_label(r, k) : k;
        out->label[out->n] = xstrdup(l ? l : "—");
        out->v[out->n++] = sqlite3_column_int64(st, 1);
    }
    sqlite3_finalize(st);
}

/* A horizontal bar chart: one row per label, its value at the end. */
static void chart(struct buf *b, struct req *r, const char *id, const char *title,
                  const struct bars *d)
{
    long max = 1;
    for (size_t i = 0; i < d->n; i++)
        if (d->v[i] > max)
            max = d->v[i];
    buf_puts(b, "<h2>");
    h_esc(b, title);
    buf_printf(b, "</h2><svg id=\"%s\" role=\"img\" width=\"640\" height=\"%zu\" "
                  "viewBox=\"0 0 640 %zu\" xmlns=\"http://www.w3.org/2000/svg\"><title>",
               id, d->n * 22 + 10, d->n * 22 + 10);
    h_esc(b, title);
    buf_puts(b, "</title>");
    for (size_t i = 0; i < d->n; i++) {
        long w = d->v[i] * 400 / max;
        size_t y = i * 22 + 5;
        buf_printf(b, "<text x=\"%d\" y=\"%zu\" text-anchor=\"%s\" direction=\"%s\">", r->ar ? 635 : 5,
                   y + 14, r->ar ? "end" : "start", r->ar ? "rtl" : "ltr");
        h_esc(b, d->label[i]);
        buf_printf(b, "</text><rect x=\"%ld\" y=\"%zu\" width=\"%ld\" height=\"16\" fill=\"#0b4f6c\">"
                      "</rect><text x=\"%ld\" y=\"%zu\" direction=\"ltr\">%ld</text>",
                   r->ar ? 440 - w : 180, y, w, r->ar ? 440 - w - 40 : 185 + w, y + 13, d->v[i]);
    }
    buf_puts(b, "</svg>");
}

#define SCOPED " FROM entries e WHERE e.year = ?1 AND " WEB_SCOPE_SQL

enum MHD_Result web_figures(struct req *r)
{
    int y, m, d;
    civil_from_days(calendar_local_day(now_epoch()), &y, &m, &d);
    const char *ys = web_arg(r, "year");
    uint64_t v;
    int year = ys && strlen(ys) == 4 && parse_u64(ys, &v) == 0 && v >= 1900 ? (int)v : y;
    struct bars months, kinds, depts;
    collect(r, "SELECT strftime('%m', e.received_at, 'unixepoch', 'localtime') AS m, count(*)" SCOPED
               " GROUP BY m ORDER BY m", year, &months, 0);
    collect(r, "SELECT e.kind, count(*)" SCOPED " GROUP BY e.kind ORDER BY count(*) DESC", year, &kinds, 1);
    collect(r, "SELECT e.department, count(*)" SCOPED " GROUP BY e.department ORDER BY count(*) DESC",
            year, &depts, 2);
    long answered = 0, on_time = 0, total = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store_db(r->c->store),
                           "SELECT count(*), sum(e.status IN ('answered', 'closed')), "
                           "sum(e.status IN ('answered', 'closed') AND e.due_date IS NOT NULL AND "
                           "date((SELECT min(at) FROM events v WHERE v.entry_id = e.id AND "
                           "v.action = 'status' AND v.detail LIKE '%-> answered%'), 'unixepoch', "
                           "'localtime') <= e.due_date)" SCOPED,
                           -1, &st, NULL) == SQLITE_OK) {
        web_scope_bind(r, st);
        sqlite3_bind_int(st, 1, year);
        if (sqlite3_step(st) == SQLITE_ROW) {
            total = sqlite3_column_int64(st, 0);
            answered = sqlite3_column_int64(st, 1);
            on_time = sqlite3_column_int64(st, 2);
        }
    }
    sqlite3_finalize(st);
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    page_begin(&b, r, T(r, "Chiffres", "الأرقام"));
    buf_puts(&b, "<main><h1>");
    h_esc(&b, T(r, "Chiffres de l'année ", "أرقام سنة "));
    buf_printf(&b, "<span dir=\"ltr\">%d</span></h1><p id=\"totals\">", year);
    h_esc(&b, T(r, "Arrivées : ", "الواردات: "));
    buf_printf(&b, "<span dir=\"ltr\">%ld</span> · ", total);
    h_esc(&b, T(r, "répondues : ", "المجاب عنها: "));
    buf_printf(&b, "<span dir=\"ltr\">%ld</span> · ", answered);
    h_esc(&b, T(r, "dans le délai : ", "داخل الأجل: "));
    buf_printf(&b, "<span dir=\"ltr\" id=\"on-time\">%ld%%</span></p>",
               answered ? on_time * 100 / answered : 0);
    chart(&b, r, "by-month", T(r, "Arrivées par mois", "الواردات حسب الشهر"), &months);
    chart(&b, r, "by-kind", T(r, "Par type", "حسب النوع"), &kinds);
    chart(&b, r, "by-department", T(r, "Par service", "حسب المصلحة"), &depts);
    buf_puts(&b, "</main>");
    page_end(&b);
    bars_free(&months);
    bars_free(&kinds);
    bars_free(&depts);
    return web_send_page(r, MHD_HTTP_OK, &b);
}
