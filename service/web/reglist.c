/* reglist.c — the register in the console: filters (year, period, kind,
 * department, status, text, queue), sorting, pages of WEB_PAGE_SIZE rows
 * and the CSV of what is shown (web_int.h). /search is the same page with
 * its text box filled.
 *
 * The WHERE clause is built from the filters given only, each with its
 * own parameter number, so that SQLite uses the indexes; the count is a
 * separate query with the same clause. Text goes through search_fts_query,
 * the folding of `bureau search`. The scope (WEB_SCOPE_SQL) is always in. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/csv.h"
#include "bureau/lifecycle.h"
#include "bureau/log.h"
#include "bureau/search.h"
#include "web_int.h"

#define CSV_MAX_ROWS 200000

struct filters {
    const char *year, *from, *to, *kind, *dept, *status, *q, *queue, *sort, *dir;
    long page;
    int year_n;         /* f->year as a number */
    char *fts;          /* owned */
    int64_t t_from, t_to;
};

static const char *arg_or_null(struct req *r, const char *k)
{
    const char *v = web_arg(r, k);
    return v && *v && strlen(v) <= 500 ? v : NULL;
}

static void filters_read(struct req *r, struct filters *f)
{
    memset(f, 0, sizeof *f);
    f->year = arg_or_null(r, "year");
    f->from = arg_or_null(r, "from");
    f->to = arg_or_null(r, "to");
    f->kind = arg_or_null(r, "kind");
    f->dept = arg_or_null(r, "dept");
    f->status = arg_or_null(r, "status");
    f->q = arg_or_null(r, "q");
    f->queue = arg_or_null(r, "queue");
    f->sort = arg_or_null(r, "sort");
    f->dir = arg_or_null(r, "dir");
    const char *p = web_arg(r, "page");
    uint64_t v;
    f->page = p && parse_u64(p, &v) == 0 && v >= 1 && v <= 1000000 ? (long)v : 1;
    if (f->year && (strlen(f->year) != 4 || parse_u64(f->year, &v) < 0 || v < 1900))
        f->year = NULL;
    f->year_n = f->year ? (int)v : 0;
    if (f->from && parse_date_ymd(f->from, &f->t_from) < 0)
        f->from = NULL;
    if (f->to && parse_date_ymd(f->to, &f->t_to) < 0)
        f->to = NULL;
    if (f->to)
        f->t_to += 86400;
    if (f->queue && !web_queue_sql(f->queue))
        f->queue = NULL;
    if (f->q)
        f->fts = search_fts_query(f->q);
}

static void where(const struct filters *f, struct buf *w)
{
    buf_puts(w, " WHERE");
    buf_puts(w, WEB_SCOPE_SQL);
    if (f->year)
        buf_puts(w, " AND e.year = ?1");
    if (f->from)
        buf_puts(w, " AND e.received_at >= ?2");
    if (f->to)
        buf_puts(w, " AND e.received_at < ?3");
    if (f->kind)
        buf_puts(w, " AND e.kind = ?4");
    if (f->dept)
        buf_puts(w, " AND e.department = ?5");
    if (f->status)
        buf_puts(w, " AND e.status = ?6");
    if (f->fts)
        buf_puts(w, " AND e.id IN (SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?7)");
    if (f->queue) {
        buf_puts(w, " AND");
        buf_puts(w, web_queue_sql(f->queue));
    }
}

static void bind_filters(struct req *r, const struct filters *f, sqlite3_stmt *st)
{
    web_scope_bind(r, st);
    web_queue_bind(r, st);
    if (f->year)
        sqlite3_bind_int(st, 1, f->year_n);
    if (f->from)
        sqlite3_bind_int64(st, 2, f->t_from);
    if (f->to)
        sqlite3_bind_int64(st, 3, f->t_to);
    if (f->kind)
        sqlite3_bind_text(st, 4, f->kind, -1, SQLITE_STATIC);
    if (f->dept)
        sqlite3_bind_text(st, 5, f->dept, -1, SQLITE_STATIC);
    if (f->status)
        sqlite3_bind_text(st, 6, f->status, -1, SQLITE_STATIC);
    if (f->fts)
        sqlite3_bind_text(st, 7, f->fts, -1, SQLITE_STATIC);
}

static const char *order_by(const struct filters *f)
{
    int asc = f->dir && !strcmp(f->dir, "asc");
    if (f->sort && !strcmp(f->sort, "due"))
        return asc ? " ORDER BY e.due_date, e.id" : " ORDER BY e.due_date DESC, e.id DESC";
    if (f->sort && !strcmp(f->sort, "status"))
        return asc ? " ORDER BY e.status, e.id" : " ORDER BY e.status DESC, e.id DESC";
    if (f->sort && !strcmp(f->sort, "received"))
        return asc ? " ORDER BY e.received_at, e.id" : " ORDER BY e.received_at DESC, e.id DESC";
    return asc ? " ORDER BY e.id" : " ORDER BY e.id DESC";
}

#define COLS                                                                              \
    "SELECT e.id, e.number, e.received_at, e.sender_name, e.sender_addr, e.subject, e.kind, " \
    "e.department, e.status, e.due_date, e.urgent, e.needs_triage FROM entries e"

static sqlite3_stmt *prepare(struct req *r, const struct filters *f, int count, int csv)
{
    struct buf sql;
    buf_init(&sql, 64 * 1024);
    buf_puts(&sql, count ? "SELECT count(*) FROM entries e" : COLS);
    where(f, &sql);
    if (!count) {
        buf_puts(&sql, order_by(f));
        buf_printf(&sql, " LIMIT %d OFFSET %ld", csv ? CSV_MAX_ROWS : WEB_PAGE_SIZE,
                   csv ? 0 : (f->page - 1) * WEB_PAGE_SIZE);
    }
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store_db(r->c->store), sql.data, -1, &st, NULL) != SQLITE_OK) {
        log_msg(LOG_LV_ERROR, "web: register: %s", sqlite3_errmsg(store_db(r->c->store)));
        st = NULL;
    } else
        bind_filters(r, f, st);
    buf_free(&sql);
    return st;
}

static const char *col(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

/* The query string of f, page and sort overridden (NULL: kept). */
static void query(struct buf *b, const struct filters *f, long page, const char *sort,
                  const char *dir)
{
    const char *k[] = {"year", "from", "to", "kind", "dept", "status", "q", "queue", "sort", "dir"};
    const char *v[] = {f->year, f->from, f->to, f->kind, f->dept, f->status, f->q, f->queue,
                       sort ? sort : f->sort, dir ? dir : f->dir};
    int first = 1;
    for (size_t i = 0; i < sizeof k / sizeof *k; i++) {
        if (!v[i])
            continue;
        buf_puts(b, first ? "" : "&");
        first = 0;
        buf_puts(b, k[i]);
        buf_putc(b, '=');
        h_url(b, v[i]);
    }
    if (page > 1)
        buf_printf(b, "%spage=%ld", first ? "" : "&", page);
}

static enum MHD_Result send_csv(struct req *r, const struct filters *f)
{
    sqlite3_stmt *st = prepare(r, f, 0, 1);
    if (!st)
        return web_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Erreur du registre", "خطأ في السجل");
    struct buf b;
    buf_init(&b, 512 * 1024 * 1024);
    buf_puts(&b, "\xEF\xBB\xBF"); /* spreadsheets read UTF-8 with its BOM */
    const char *head[] = {"numero", "recu_le", "expediteur", "adresse", "objet", "type",
                          "service", "statut", "echeance", "urgent"};
    for (size_t i = 0; i < 10; i++)
        csv_field(&b, head[i], i == 9);
    while (sqlite3_step(st) == SQLITE_ROW) {
        char d[20];
        fmt_datetime(sqlite3_column_int64(st, 2), d);
        csv_field(&b, col(st, 1), 0);
        csv_field(&b, d, 0);
        csv_field(&b, col(st, 3), 0);
        csv_field(&b, col(st, 4), 0);
        csv_field(&b, col(st, 5), 0);
        csv_field(&b, col(st, 6), 0);
        csv_field(&b, col(st, 7), 0);
        csv_field(&b, col(st, 8), 0);
        csv_field(&b, col(st, 9), 0);
        csv_field(&b, sqlite3_column_int(st, 10) ? "1" : "0", 1);
    }
    sqlite3_finalize(st);
    size_t n = b.len;
    return web_send_download(r, buf_steal(&b), n, "text/csv; charset=utf-8", "registre.csv");
}

static void select_opt(struct buf *b, const char *value, const char *label, const char *cur)
{
    buf_puts(b, "<option value=\"");
    h_esc(b, value);
    buf_puts(b, cur && !strcmp(cur, value) ? "\" selected>" : "\">");
    h_esc(b, label);
    buf_puts(b, "</option>");
}

static void text_input(struct buf *b, const char *name, const char *label, const char *type,
                       const char *value, const char *dir)
{
    buf_printf(b, "<label>%s", "");
    h_esc(b, label);
    buf_printf(b, "<input name=\"%s\" type=\"%s\" dir=\"%s\" value=\"", name, type, dir);
    h_esc(b, value);
    buf_puts(b, "\"></label>");
}

static void filter_form(struct buf *b, struct req *r, const struct filters *f)
{
    buf_puts(b, "<form class=\"filters\" method=\"get\" action=\"/register\" id=\"filters\">");
    if (f->queue) {
        buf_puts(b, "<input type=\"hidden\" name=\"queue\" value=\"");
        h_esc(b, f->queue);
        buf_puts(b, "\">");
    }
    text_input(b, "q", T(r, "Texte", "نص"), "search", f->q, "auto");
    text_input(b, "year", T(r, "Année", "السنة"), "text", f->year, "ltr");
    text_input(b, "from", T(r, "Du", "من"), "date", f->from, "ltr");
    text_input(b, "to", T(r, "Au", "إلى"), "date", f->to, "ltr");
    buf_puts(b, "<label>");
    h_esc(b, T(r, "Type", "النوع"));
    buf_puts(b, "<select name=\"kind\"><option value=\"\">—</option>");
    size_t n = 0;
    const struct kind *k = rules_kinds(r->c->rules, &n);
    for (size_t i = 0; i < n; i++)
        select_opt(b, k[i].id, web_kind_label(r, k[i].id), f->kind);
    buf_puts(b, "</select></label><label>");
    h_esc(b, T(r, "Service", "المصلحة"));
    buf_puts(b, "<select name=\"dept\"><option value=\"\">—</option>");
    const struct department *d = rules_departments(r->c->rules, &n);
    for (size_t i = 0; i < n; i++)
        if (account_sees_department(&r->a, d[i].id))
            select_opt(b, d[i].id, web_dept_label(r, d[i].id), f->dept);
    buf_puts(b, "</select></label><label>");
    h_esc(b, T(r, "Statut", "الحالة"));
    buf_puts(b, "<select name=\"status\"><option value=\"\">—</option>");
    static const char *const st[] = {"registered", "routed", "in-progress", "answered",
                                     "closed", "rejected", "transferred"};
    for (size_t i = 0; i < sizeof st / sizeof *st; i++)
        select_opt(b, st[i], web_status_label(r, st[i]), f->status);
    buf_puts(b, "</select></label><label>");
    h_esc(b, T(r, "Tri", "الترتيب"));
    buf_puts(b, "<select name=\"sort\">");
    select_opt(b, "number", T(r, "Numéro", "الرقم"), f->sort);
    select_opt(b, "received", T(r, "Reçu le", "تاريخ الورود"), f->sort);
    select_opt(b, "due", T(r, "Échéance", "الأجل"), f->sort);
    select_opt(b, "status", T(r, "Statut", "الحالة"), f->sort);
    buf_puts(b, "</select></label><label>");
    h_esc(b, T(r, "Ordre", "الاتجاه"));
    buf_puts(b, "<select name=\"dir\">");
    select_opt(b, "desc", T(r, "Décroissant", "تنازلي"), f->dir);
    select_opt(b, "asc", T(r, "Croissant", "تصاعدي"), f->dir);
    buf_puts(b, "</select></label><button type=\"submit\">");
    h_esc(b, T(r, "Filtrer", "تصفية"));
    buf_puts(b, "</button></form>");
}

static void row(struct buf *b, struct req *r, sqlite3_stmt *st, int64_t today)
{
    buf_printf(b, "<tr><td><a href=\"/e/%lld\">", (long long)sqlite3_column_int64(st, 0));
    h_ltr(b, col(st, 1));
    buf_puts(b, "</a></td><td>");
    h_date(b, sqlite3_column_int64(st, 2));
    buf_puts(b, "</td><td>");
    h_bdi(b, col(st, 3) && *col(st, 3) ? col(st, 3) : col(st, 4));
    buf_puts(b, "</td><td>");
    h_bdi(b, col(st, 5));
    buf_puts(b, "</td><td>");
    h_esc(b, web_kind_label(r, col(st, 6)));
    buf_puts(b, "</td><td>");
    h_esc(b, web_dept_label(r, col(st, 7)));
    buf_puts(b, "</td><td>");
    h_esc(b, web_status_label(r, col(st, 8)));
    if (sqlite3_column_int(st, 11)) {
        buf_puts(b, " · ");
        h_esc(b, T(r, "à trier", "للفرز"));
    }
    buf_puts(b, "</td><td>");
    const char *due = col(st, 9);
    if (due) {
        int64_t dd = web_day(due);
        int late = lifecycle_is_open(col(st, 8)) && dd >= 0 && dd < today;
        buf_puts(b, late ? "<span class=\"late\">" : "<span>");
        h_ltr(b, due);
        buf_puts(b, "</span>");
    }
    if (sqlite3_column_int(st, 10)) {
        buf_puts(b, " ");
        h_esc(b, T(r, "urgent", "مستعجل"));
    }
    buf_puts(b, "</td></tr>");
}

static void pager(struct buf *b, struct req *r, const struct filters *f, long total)
{
    long pages = (total + WEB_PAGE_SIZE - 1) / WEB_PAGE_SIZE;
    buf_puts(b, "<p class=\"pages\">");
    if (f->page > 1) {
        buf_puts(b, "<a rel=\"prev\" href=\"/register?");
        query(b, f, f->page - 1, NULL, NULL);
        buf_puts(b, "\">");
        h_esc(b, T(r, "← Précédente", "السابقة"));
        buf_puts(b, "</a>");
    }
    buf_printf(b, "<span dir=\"ltr\">%ld / %ld</span> ", f->page, pages ? pages : 1);
    if (f->page < pages) {
        buf_puts(b, "<a rel=\"next\" id=\"next\" href=\"/register?");
        query(b, f, f->page + 1, NULL, NULL);
        buf_puts(b, "\">");
        h_esc(b, T(r, "Suivante →", "التالية"));
        buf_puts(b, "</a>");
    }
    buf_puts(b, "<a id=\"csv\" href=\"/register.csv?");
    query(b, f, 1, NULL, NULL);
    buf_puts(b, "\">");
    h_esc(b, T(r, "Exporter en CSV", "تصدير CSV"));
    buf_puts(b, "</a></p>");
}

enum MHD_Result web_register(struct req *r, int csv)
{
    struct filters f;
    filters_read(r, &f);
    if (csv) {
        enum MHD_Result ret = send_csv(r, &f);
        free(f.fts);
        return ret;
    }
    long total = -1;
    sqlite3_stmt *cnt = prepare(r, &f, 1, 0);
    if (cnt && sqlite3_step(cnt) == SQLITE_ROW)
        total = sqlite3_column_int64(cnt, 0);
    sqlite3_finalize(cnt);
    sqlite3_stmt *st = total >= 0 ? prepare(r, &f, 0, 0) : NULL;
    if (!st) {
        free(f.fts);
        return web_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "Erreur du registre", "خطأ في السجل");
    }
    struct buf b;
    buf_init(&b, WEB_PAGE_MAX);
    const char *title = f.queue ? web_queue_label(r, f.queue) : T(r, "Registre d'arrivée", "سجل الواردات");
    page_begin(&b, r, title);
    buf_puts(&b, "<main><h1>");
    h_esc(&b, title);
    buf_puts(&b, "</h1>");
    filter_form(&b, r, &f);
    if (f.q && !f.fts) {
        buf_puts(&b, "<p class=\"error\">");
        h_esc(&b, T(r, "Aucun mot à chercher dans ce texte.", "لا توجد كلمة للبحث في هذا النص."));
        buf_puts(&b, "</p>");
    }
    buf_puts(&b, "<p id=\"total\">");
    buf_printf(&b, "<span dir=\"ltr\">%ld</span> ", total);
    h_esc(&b, T(r, "entrée(s)", "مدخلة"));
    buf_puts(&b, "</p><table id=\"register\"><thead><tr>");
    const char *cols[][2] = {{"Numéro", "الرقم"},   {"Reçu le", "تاريخ الورود"}, {"Expéditeur", "المرسل"},
                             {"Objet", "الموضوع"},   {"Type", "النوع"},          {"Service", "المصلحة"},
                             {"Statut", "الحالة"},   {"Échéance", "الأجل"}};
    for (size_t i = 0; i < 8; i++) {
        buf_puts(&b, "<th>");
        h_esc(&b, T(r, cols[i][0], cols[i][1]));
        buf_puts(&b, "</th>");
    }
    buf_puts(&b, "</tr></thead><tbody>");
    int64_t today = calendar_local_day(now_epoch());
    while (sqlite3_step(st) == SQLITE_ROW)
        row(&b, r, st, today);
    sqlite3_finalize(st);
    buf_puts(&b, "</tbody></table>");
    pager(&b, r, &f, total);
    buf_puts(&b, "</main>");
    page_end(&b);
    free(f.fts);
    return web_send_page(r, MHD_HTTP_OK, &b);
}
