/* print.c — the printable registers: the arrival or departure register of
 * a period as one HTML page with a print stylesheet, laid out like the
 * paper register (one line per entry, the columns of DOMAIN.md), page
 * numbers in the page margin (@page, counter(page) / counter(pages)) and a
 * closing line with the count; Arabic right to left, or French. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/compose.h"
#include "bureau/lifecycle.h"
#include "bureau/util.h"
#include "dep_int.h"

#define PRINT_MAX_ROWS 200000
#define PRINT_REF_CHARS 24   /* of the sender's Message-ID, as a reference */

struct words {
    const char *dir, *title_arr, *title_dep, *period, *to, *page, *closing, *closing_arr, *closing_dep;
    const char *arr_cols[9], *dep_cols[9];
};

static const struct words W_AR = {
    "rtl", "سجل الواردات", "سجل الصادرات", "الفترة من", "إلى", "صفحة",
    "أُغلق هذا السجل على ", " وارد(ة) للفترة المذكورة.", " صادر(ة) للفترة المذكورة.",
    {"رقم الترتيب", "تاريخ الورود", "تاريخ ومرجع الرسالة", "المرسل", "الموضوع", "المرفقات",
     "المصلحة المحال عليها", "المآل", "رقم وتاريخ الجواب"},
    {"رقم الصادر", "تاريخ الإرسال", "المرسل إليه", "الموضوع", "المرفقات", "المصلحة",
     "جوابا على الوارد", "المآل", "المحرر / المؤشر عليه"}};

static const struct words W_FR = {
    "ltr", "Registre des arrivées", "Registre des départs", "Période du", "au", "Page",
    "Registre arrêté à ", " arrivée(s) pour la période.", " départ(s) pour la période.",
    {"N° d'ordre", "Date d'arrivée", "Date et référence", "Expéditeur", "Objet", "P.J.",
     "Service", "Suite donnée", "N° et date de réponse"},
    {"N° de départ", "Date d'envoi", "Destinataire", "Objet", "P.J.", "Service",
     "Réponse à l'arrivée", "Suite donnée", "Rédigé / visé par"}};

static void esc(struct buf *b, const char *s)
{
    for (; s && *s; s++) {
        switch (*s) {
        case '&': buf_puts(b, "&amp;"); break;
        case '<': buf_puts(b, "&lt;"); break;
        case '>': buf_puts(b, "&gt;"); break;
        case '"': buf_puts(b, "&quot;"); break;
        case '\'': buf_puts(b, "&#39;"); break;
        case '\r': case '\n': case '\t': buf_putc(b, ' '); break;
        default: buf_putc(b, *s); break;
        }
    }
}

/* A cell of text from the database: cleaned (valid UTF-8, no controls). */
static void cell(struct buf *b, const char *cls, const char *s)
{
    char *clean = compose_header_clean(s, 2000);
    buf_printf(b, "<td%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    esc(b, clean);
    buf_puts(b, "</td>");
    free(clean);
}

/* The sender's name, then the address isolated left to right. */
static void sender_cell(struct buf *b, const char *name, const char *addr)
{
    char *n = compose_header_clean(name, 300), *a = compose_header_clean(addr, 300);
    buf_puts(b, "<td>");
    esc(b, n);
    if (*a) {
        buf_puts(b, *n ? " <span class=\"num\">&lt;" : "<span class=\"num\">&lt;");
        esc(b, a);
        buf_puts(b, "&gt;</span>");
    }
    buf_puts(b, "</td>");
    free(n);
    free(a);
}

static void head(struct buf *b, const struct config *cfg, const struct words *w, int lang_ar,
                 const char *title, const char *from, const char *to)
{
    buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\" dir=\"%s\">\n<head>\n<meta "
                  "charset=\"utf-8\">\n<title>",
               lang_ar ? "ar" : "fr", w->dir);
    esc(b, title);
    buf_printf(b, " %s – %s</title>\n<style>\n"
                  "@page { size: A4 landscape; margin: 12mm 10mm 16mm 10mm;\n"
                  "  @bottom-center { content: \"%s \" counter(page) \" / \" counter(pages);\n"
                  "    font-size: 9pt; } }\n"
                  "html { font-family: \"DejaVu Sans\", \"Noto Naskh Arabic\", sans-serif; "
                  "font-size: 9pt; }\n"
                  "h1 { font-size: 14pt; margin: 0; } h2 { font-size: 12pt; margin: 2mm 0; }\n"
                  "table { width: 100%%; border-collapse: collapse; }\n"
                  "thead { display: table-header-group; }\n"
                  "tr { break-inside: avoid; page-break-inside: avoid; }\n"
                  "th, td { border: 0.6pt solid #000; padding: 1mm 1.5mm; vertical-align: top; "
                  "text-align: start; }\n"
                  "th { background: #eee; }\n"
                  ".num { white-space: nowrap; direction: ltr; unicode-bidi: isolate; }\n"
                  ".closing { margin-top: 6mm; font-weight: bold; }\n"
                  "@media screen { body { margin: 1em auto; max-width: 290mm; } }\n"
                  "@media print { th { -webkit-print-color-adjust: exact; "
                  "print-color-adjust: exact; } }\n"
                  "</style>\n</head>\n<body>\n<header>\n<h1>",
               from, to, w->page);
    esc(b, lang_ar ? cfg->org_name_ar : cfg->org_name_fr);
    buf_puts(b, "</h1>\n<h2>");
    esc(b, title);
    buf_printf(b, "</h2>\n<p>%s <span class=\"num\">%s</span> %s <span class=\"num\">%s"
                  "</span></p>\n</header>\n",
               w->period, from, w->to, to);
}

static void columns(struct buf *b, const char *const *cols)
{
    buf_puts(b, "<table>\n<thead><tr>");
    for (int i = 0; i < 9; i++) {
        buf_puts(b, "<th>");
        esc(b, cols[i]);
        buf_puts(b, "</th>");
    }
    buf_puts(b, "</tr></thead>\n<tbody>\n");
}

static const char *txt(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static size_t arrival_rows(struct store *s, const struct rules *rules, int ar, int64_t t0,
                           int64_t t1, struct buf *b)
{
    sqlite3_stmt *st = NULL;
    size_t n = 0;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT e.number, e.received_at, e.sent_at, e.message_id, "
                           "e.sender_name, e.sender_addr, e.subject, e.n_attachments, "
                           "e.department, e.status, e.closure_code, e.reply_number, "
                           "(SELECT d.sent_at FROM departures d WHERE d.number = "
                           "e.reply_number) FROM entries e WHERE e.received_at >= ? AND "
                           "e.received_at < ? ORDER BY e.year, e.seq",
                           -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int64(st, 1, t0);
    sqlite3_bind_int64(st, 2, t1);
    while (sqlite3_step(st) == SQLITE_ROW && n < PRINT_MAX_ROWS) {
        char recv[20], sent[11] = "", rdate[11] = "", natt[16];
        fmt_datetime(sqlite3_column_int64(st, 1), recv);
        recv[16] = '\0';
        if (sqlite3_column_int64(st, 2))
            fmt_date(sqlite3_column_int64(st, 2), sent);
        if (sqlite3_column_int64(st, 12))
            fmt_date(sqlite3_column_int64(st, 12), rdate);
        snprintf(natt, sizeof natt, "%d", sqlite3_column_int(st, 7));
        const char *mid = txt(st, 3) ? txt(st, 3) : "";
        char *ref = xasprintf("%s %.*s%s", sent, PRINT_REF_CHARS, mid,
                              strlen(mid) > PRINT_REF_CHARS ? "…" : "");
        const char *status = txt(st, 9), *code = txt(st, 10);
        char *outcome = xasprintf("%s%s%s", ar ? lifecycle_status_ar(status)
                                               : lifecycle_status_fr(status),
                                  code ? " — " : "",
                                  code ? (ar ? dep_code_ar(code) : dep_code_fr(code)) : "");
        char *reply = xasprintf("%s %s", txt(st, 11) ? txt(st, 11) : "", rdate);
        buf_puts(b, "<tr class=\"entry\" data-number=\"");
        esc(b, txt(st, 0));
        buf_puts(b, "\">");
        cell(b, "num", txt(st, 0));
        cell(b, "num", recv);
        cell(b, "num", ref);
        sender_cell(b, txt(st, 4), txt(st, 5));
        cell(b, NULL, txt(st, 6));
        cell(b, "num", natt);
        cell(b, NULL, rules_department_label(rules, txt(st, 8), ar));
        cell(b, NULL, outcome);
        cell(b, "num", reply);
        buf_puts(b, "</tr>\n");
        free(ref);
        free(outcome);
        free(reply);
        n++;
    }
    sqlite3_finalize(st);
    return n;
}

static size_t departure_rows(struct store *s, const struct rules *rules, int ar, int64_t t0,
                             int64_t t1, struct buf *b)
{
    sqlite3_stmt *st = NULL;
    size_t n = 0;
    if (sqlite3_prepare_v2(store_db(s),
                           "SELECT d.number, d.sent_at, d.addressee_name, d.addressees, "
                           "d.subject, d.n_attachments, d.department, (SELECT "
                           "group_concat(e.number, ', ') FROM departure_arrivals a JOIN "
                           "entries e ON e.id = a.entry_id WHERE a.departure_id = d.id), "
                           "d.closure_code, d.drafter, d.approvers FROM departures d WHERE "
                           "d.sent_at >= ? AND d.sent_at < ? ORDER BY d.year, d.seq",
                           -1, &st, NULL) != SQLITE_OK)
        return 0;
    sqlite3_bind_int64(st, 1, t0);
    sqlite3_bind_int64(st, 2, t1);
    while (sqlite3_step(st) == SQLITE_ROW && n < PRINT_MAX_ROWS) {
        char when[20], natt[16];
        fmt_datetime(sqlite3_column_int64(st, 1), when);
        when[16] = '\0';
        snprintf(natt, sizeof natt, "%d", sqlite3_column_int(st, 5));
        char *to = xasprintf("%s %s", txt(st, 2) ? txt(st, 2) : "", txt(st, 3) ? txt(st, 3) : "");
        const char *code = txt(st, 8), *answers = txt(st, 7);
        const char *outcome = answers ? (ar ? dep_code_ar(code) : dep_code_fr(code)) : "";
        char *who = xasprintf("%s / %s", txt(st, 9), txt(st, 10) && *txt(st, 10) ? txt(st, 10)
                                                                                : "-");
        buf_puts(b, "<tr class=\"entry\" data-number=\"");
        esc(b, txt(st, 0));
        buf_puts(b, "\">");
        cell(b, "num", txt(st, 0));
        cell(b, "num", when);
        cell(b, NULL, to);
        cell(b, NULL, txt(st, 4));
        cell(b, "num", natt);
        cell(b, NULL, rules_department_label(rules, txt(st, 6), ar));
        cell(b, "num", answers ? answers : "—");
        cell(b, NULL, outcome);
        cell(b, NULL, who);
        buf_puts(b, "</tr>\n");
        free(to);
        free(who);
        n++;
    }
    sqlite3_finalize(st);
    return n;
}

int departure_print(struct store *s, const struct config *cfg, const struct rules *rules,
                    const char *which, const char *from, const char *to, const char *lang,
                    struct buf *out, char **cause)
{
    int64_t t0 = 0, t1 = 0;
    if (parse_date_ymd(from, &t0) < 0 || parse_date_ymd(to, &t1) < 0 || t1 < t0) {
        set_cause(cause, "--from and --to must be dates YYYY-MM-DD, in order");
        return -1;
    }
    t1 += 86400;
    int ar = !strcmp(lang, "ar"), dep = !strcmp(which, "departures");
    const struct words *w = ar ? &W_AR : &W_FR;
    head(out, cfg, w, ar, dep ? w->title_dep : w->title_arr, from, to);
    columns(out, dep ? w->dep_cols : w->arr_cols);
    size_t n = dep ? departure_rows(s, rules, ar, t0, t1, out)
                   : arrival_rows(s, rules, ar, t0, t1, out);
    buf_puts(out, "</tbody>\n</table>\n<p class=\"closing\" id=\"closing\" data-count=\"");
    buf_printf(out, "%zu\">", n);
    buf_printf(out, "%s%zu%s", w->closing, n, dep ? w->closing_dep : w->closing_arr);
    if (buf_puts(out, "</p>\n</body>\n</html>\n") < 0) {
        set_cause(cause, "the register is too large to print at once");
        return -1;
    }
    return 0;
}
