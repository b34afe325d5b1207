/* cmd_departures.c — `bureau departures [list|show|export]` (the departure
 * register, with the arrival register's filters, --json and CSV
 * conventions) and `bureau print arrivals|departures` (printable HTML). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/args.h"
#include "bureau/cli.h"
#include "bureau/csv.h"
#include "bureau/departure.h"
#include "bureau/json.h"
#include "bureau/term.h"
#include "bureau/rules.h"
#include "bureau/util.h"

#include "dep_int.h"

#define OUT_MAX ((size_t)1 << 31)
#define LIST_MAX_ROWS 100000

static const char usage[] =
    "usage: bureau departures [list] [--year Y] [--department D] [--from DATE] [--to DATE]\n"
    "                         [--text T]\n"
    "       bureau departures show NUMBER [--eml]\n"
    "       bureau departures export [--from DATE] [--to DATE] [-o FILE] [--lang fr|ar]\n"
    "\n"
    "The departure register (سجل الصادرات): every answer and letter that left, with its\n"
    "number (2026/D000017), date, addressees, subject, the arrivals it answers, who\n"
    "drafted and who approved it. show --eml prints the first mail exactly as it left.\n"
    "export writes CSV (UTF-8 with a BOM, like bureau export), the service and the\n"
    "outcome named in French (--lang fr, the default) or Arabic.\n";

static const char dep_cols[] =
    "d.id, d.number, d.year, d.seq, d.sent_at, d.addressees, d.addressee_name, d.subject, "
    "d.closure_code, d.department, d.n_attachments, d.drafter, d.approvers, d.draft_id, "
    "(SELECT group_concat(e.number, ', ') FROM departure_arrivals a JOIN entries e ON "
    "e.id = a.entry_id WHERE a.departure_id = d.id), d.body_ar, d.body_fr";

static const char *txt(sqlite3_stmt *st, int i)
{
    return (const char *)sqlite3_column_text(st, i);
}

static void dep_json(struct json *j, sqlite3_stmt *st)
{
    json_kv_str(j, "number", txt(st, 1));
    json_kv_int(j, "year", sqlite3_column_int64(st, 2));
    json_kv_int(j, "seq", sqlite3_column_int64(st, 3));
    json_kv_int(j, "sent_at", sqlite3_column_int64(st, 4));
    json_kv_str(j, "addressees", txt(st, 5));
    json_kv_str(j, "addressee_name", txt(st, 6));
    json_kv_str(j, "subject", txt(st, 7));
    json_kv_str(j, "closure_code", txt(st, 8));
    json_kv_str(j, "department", txt(st, 9));
    json_kv_int(j, "n_attachments", sqlite3_column_int64(st, 10));
    json_kv_str(j, "drafter", txt(st, 11));
    json_kv_str(j, "approvers", txt(st, 12));
    json_kv_int(j, "draft", sqlite3_column_int64(st, 13));
    json_kv_str(j, "answers", txt(st, 14));
}

static int date_arg(struct cli *c, const char *s, int end, int64_t *t)
{
    if (parse_date_ymd(s, t) < 0) {
        cli_err(c, "bad date %s (expected YYYY-MM-DD)", s);
        return -1;
    }
    if (end)
        *t += 86400;
    return 0;
}

static int dep_list(struct cli *c)
{
    const char *year = NULL, *dept = NULL, *from = NULL, *to = NULL, *text = NULL, *pos[1];
    int npos = 0;
    const struct arg_spec specs[] = {{"--year", 1, &year}, {"--department", 1, &dept},
                                     {"--from", 1, &from}, {"--to", 1, &to},
                                     {"--text", 1, &text}};
    if (args_scan("departures", c->argc, c->argv, specs, 5, pos, 1, &npos) < 0)
        return EXIT_USAGE_;
    int64_t t0 = 0, t1 = INT64_MAX;
    if ((from && date_arg(c, from, 0, &t0) < 0) || (to && date_arg(c, to, 1, &t1) < 0))
        return EXIT_USAGE_;
    char *sql = xasprintf("SELECT %s FROM departures d WHERE (?1 IS NULL OR d.year = ?1) AND "
                          "(?2 IS NULL OR d.department = ?2) AND d.sent_at >= ?3 AND "
                          "d.sent_at < ?4 AND (?5 IS NULL OR instr(d.subject, ?5) > 0 OR "
                          "instr(d.addressees, ?5) > 0 OR instr(coalesce(d.body_ar, '') || "
                          "coalesce(d.body_fr, ''), ?5) > 0) ORDER BY d.year, d.seq LIMIT %d",
                          dep_cols, LIST_MAX_ROWS);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store_db(c->store), sql, -1, &st, NULL) != SQLITE_OK) {
        cli_err(c, "%s", sqlite3_errmsg(store_db(c->store)));
        free(sql);
        return EXIT_FAIL;
    }
    free(sql);
    if (year)
        sqlite3_bind_int(st, 1, (int)strtol(year, NULL, 10));
    if (dept)
        sqlite3_bind_text(st, 2, dept, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 3, t0);
    sqlite3_bind_int64(st, 4, t1);
    if (text)
        sqlite3_bind_text(st, 5, text, -1, SQLITE_STATIC);
    struct buf b;
    struct json j;
    buf_init(&b, OUT_MAX);
    json_init(&j, &b);
    if (c->json)
        json_arr_begin(&j);
    else
        buf_printf(&b, "%-13s %-10s %-30s %-13s %s\n", "number", "date", "to", "answers",
                   "subject");
    while (sqlite3_step(st) == SQLITE_ROW) {
        char date[11];
        fmt_date(sqlite3_column_int64(st, 4), date);
        if (c->json) {
            json_obj_begin(&j);
            dep_json(&j, st);
            json_obj_end(&j);
            continue;
        }
        const char *to_ = txt(st, 5) && *txt(st, 5) ? txt(st, 5) : txt(st, 6);
        buf_printf(&b, "%-13s %-10s %-30.30s %-13s %s\n", txt(st, 1), date, to_ ? to_ : "",
                   txt(st, 14) ? txt(st, 14) : "-", txt(st, 7));
    }
    sqlite3_finalize(st);
    if (c->json) {
        json_arr_end(&j);
        buf_putc(&b, '\n');
    }
    fwrite(b.data, 1, b.len, stdout);
    buf_free(&b);
    return EXIT_OK;
}

static int show_eml(struct cli *c, int64_t id)
{
    sqlite3_stmt *st = store_stmt(
        c->store, "SELECT bytes FROM departure_mails WHERE departure_id = ? ORDER BY id", NULL);
    if (!st)
        return EXIT_FAIL;
    sqlite3_bind_int64(st, 1, id);
    int found = sqlite3_step(st) == SQLITE_ROW;
    if (found) {
        term_raw_stdout(); /* the bytes as they left, for a file or a pipe */
        fwrite(sqlite3_column_blob(st, 0), 1, (size_t)sqlite3_column_bytes(st, 0), stdout);
    }
    sqlite3_reset(st);
    if (!found)
        cli_err(c, "this departure left on paper: no mail");
    return found ? EXIT_OK : EXIT_FAIL;
}

static void show_mails(struct cli *c, int64_t id, struct buf *b, struct json *j)
{
    sqlite3_stmt *st = store_stmt(c->store,
                                  "SELECT m.rcpt, m.message_id, m.sha256, length(m.bytes), "
                                  "o.state, o.sent_at, o.possible_duplicates FROM "
                                  "departure_mails m LEFT JOIN outbox o ON "
                                  "o.departure_mail_id = m.id WHERE m.departure_id = ? "
                                  "ORDER BY m.id",
                                  NULL);
    if (!st)
        return;
    sqlite3_bind_int64(st, 1, id);
    if (c->json) {
        json_key(j, "mails");
        json_arr_begin(j);
    }
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (c->json) {
            json_obj_begin(j);
            json_kv_str(j, "rcpt", txt(st, 0));
            json_kv_str(j, "message_id", txt(st, 1));
            json_kv_str(j, "sha256", txt(st, 2));
            json_kv_int(j, "size", sqlite3_column_int64(st, 3));
            json_kv_str(j, "state", txt(st, 4));
            json_kv_int(j, "possible_duplicates", sqlite3_column_int64(st, 6));
            json_obj_end(j);
        } else {
            buf_printf(b, "mail         %s <%s> %lld bytes sha256 %.16s… %s\n", txt(st, 0),
                       txt(st, 1), (long long)sqlite3_column_int64(st, 3), txt(st, 2),
                       txt(st, 4) ? txt(st, 4) : "");
        }
    }
    sqlite3_reset(st);
    if (c->json)
        json_arr_end(j);
}

static int dep_show(struct cli *c)
{
    const char *eml = NULL, *pos[2];
    int npos = 0;
    const struct arg_spec specs[] = {{"--eml", 0, &eml}};
    if (args_scan("departures", c->argc, c->argv, specs, 1, pos, 2, &npos) < 0 || npos != 2)
        return EXIT_USAGE_;
    char *sql = xasprintf("SELECT %s FROM departures d WHERE d.number = ?", dep_cols);
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store_db(c->store), sql, -1, &st, NULL) != SQLITE_OK) {
        free(sql);
        return EXIT_FAIL;
    }
    free(sql);
    sqlite3_bind_text(st, 1, pos[1], -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_ROW) {
        sqlite3_finalize(st);
        cli_err(c, "no departure %s", pos[1]);
        return EXIT_FAIL;
    }
    int64_t id = sqlite3_column_int64(st, 0);
    if (eml) {
        sqlite3_finalize(st);
        return show_eml(c, id);
    }
    struct buf b;
    struct json j;
    buf_init(&b, OUT_MAX);
    json_init(&j, &b);
    char date[20];
    fmt_datetime(sqlite3_column_int64(st, 4), date);
    if (c->json) {
        json_obj_begin(&j);
        dep_json(&j, st);
        json_kv_str(&j, "body_ar", txt(st, 15));
        json_kv_str(&j, "body_fr", txt(st, 16));
    } else {
        static const char *const lab[] = {"to", "name", "subject", "code", "department",
                                          "attachments", "drafted by", "approved by"};
        buf_printf(&b, "departure    %s\ndate         %s\n", txt(st, 1), date);
        for (int i = 0; i < 8; i++)
            buf_printf(&b, "%-12s %s\n", lab[i], txt(st, 5 + i) ? txt(st, 5 + i) : "-");
        buf_printf(&b, "answers      %s\n", txt(st, 14) ? txt(st, 14) : "- (letter)");
        buf_printf(&b, "--- ar ---\n%s\n--- fr ---\n%s\n", txt(st, 15) ? txt(st, 15) : "",
                   txt(st, 16) ? txt(st, 16) : "");
    }
    sqlite3_finalize(st);
    show_mails(c, id, &b, &j);
    if (c->json) {
        json_obj_end(&j);
        buf_putc(&b, '\n');
    }
    fwrite(b.data, 1, b.len, stdout);
    buf_free(&b);
    return EXIT_OK;
}

static int dep_export(struct cli *c)
{
    const char *from = NULL, *to = NULL, *outpath = NULL, *lang = "fr", *pos[1];
    int npos = 0;
    for (int i = 1; i < c->argc; i++)
        if (!strcmp(c->argv[i], "-o"))
            c->argv[i] = "--output";
    const struct arg_spec specs[] = {{"--from", 1, &from}, {"--to", 1, &to},
                                     {"--output", 1, &outpath}, {"--lang", 1, &lang}};
    if (args_scan("departures", c->argc, c->argv, specs, 4, pos, 1, &npos) < 0)
        return EXIT_USAGE_;
    if (strcmp(lang, "fr") && strcmp(lang, "ar")) {
        cli_err(c, "--lang is fr or ar, not '%s'", lang);
        return EXIT_USAGE_;
    }
    int ar = !strcmp(lang, "ar");
    if (cli_need_rules(c) < 0)
        return EXIT_CONFIG_;
    int64_t t0 = 0, t1 = INT64_MAX;
    if ((from && date_arg(c, from, 0, &t0) < 0) || (to && date_arg(c, to, 1, &t1) < 0))
        return EXIT_USAGE_;
    static const char *const head[] = {
        "N° de départ / رقم الصادر", "Date d'envoi / تاريخ الإرسال", "Destinataire / المرسل إليه",
        "Objet / الموضوع", "Pièces jointes / المرفقات", "Service / المصلحة",
        "Réponse à / جوابا على", "Suite donnée / المآل", "Rédigé par / المحرر",
        "Visé par / المؤشر عليه من طرف"};
    struct buf out;
    buf_init(&out, OUT_MAX);
    buf_puts(&out, "\xEF\xBB\xBF");
    for (size_t i = 0; i < BU_ARRAY_LEN(head); i++)
        csv_field(&out, head[i], i + 1 == BU_ARRAY_LEN(head));
    char *sql = xasprintf("SELECT %s FROM departures d WHERE d.sent_at >= ? AND d.sent_at < ? "
                          "ORDER BY d.year, d.seq", dep_cols);
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(store_db(c->store), sql, -1, &st, NULL);
    free(sql);
    if (rc != SQLITE_OK) {
        buf_free(&out);
        return EXIT_FAIL;
    }
    sqlite3_bind_int64(st, 1, t0);
    sqlite3_bind_int64(st, 2, t1);
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        char date[20], natt[16];
        fmt_datetime(sqlite3_column_int64(st, 4), date);
        snprintf(natt, sizeof natt, "%lld", (long long)sqlite3_column_int64(st, 10));
        char *addr = xasprintf("%s%s%s", txt(st, 6) ? txt(st, 6) : "",
                               txt(st, 6) && txt(st, 5) && *txt(st, 5) ? " " : "",
                               txt(st, 5) && *txt(st, 5) ? txt(st, 5) : "");
        const char *code = txt(st, 8) ? txt(st, 8) : (txt(st, 14) ? "answered" : NULL);
        const char *cells[] = {txt(st, 1),  date,
                               addr,        txt(st, 7),
                               natt,        rules_department_label(c->rules, txt(st, 9), ar),
                               txt(st, 14), code ? (ar ? dep_code_ar(code) : dep_code_fr(code)) : "",
                               txt(st, 11), txt(st, 12)};
        for (size_t i = 0; i < BU_ARRAY_LEN(cells); i++)
            csv_field(&out, cells[i], i + 1 == BU_ARRAY_LEN(cells));
        free(addr);
        n++;
    }
    sqlite3_finalize(st);
    char *cause = NULL;
    int ret = EXIT_OK;
    if (outpath) {
        if (file_write_atomic(outpath, out.data, out.len, 0640, &cause) < 0) {
            cli_err(c, "%s", cause);
            ret = EXIT_FAIL;
        } else {
            fprintf(stderr, "%zu departures written to %s\n", n, outpath);
        }
    } else {
        term_raw_stdout();
        fwrite(out.data, 1, out.len, stdout);
    }
    free(cause);
    buf_free(&out);
    return ret;
}

int cmd_departures(struct cli *c)
{
    if (cli_wants_help(c)) {
        fputs(usage, stdout);
        return 0;
    }
    const char *verb = c->argc > 1 && c->argv[1][0] != '-' ? c->argv[1] : "list";
    if (strcmp(verb, "list") && strcmp(verb, "show") && strcmp(verb, "export")) {
        fputs(usage, stderr);
        return EXIT_USAGE_;
    }
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    if (!strcmp(verb, "show"))
        return dep_show(c);
    return !strcmp(verb, "export") ? dep_export(c) : dep_list(c);
}

/* --- bureau print -------------------------------------------------------- */

static const char print_usage[] =
    "usage: bureau print arrivals|departures --from DATE --to DATE [--lang ar|fr] -o FILE\n"
    "\n"
    "The register for the period as a print-ready HTML page (A4 landscape, one line per\n"
    "entry, the columns of the paper register, page numbers, a closing line with the\n"
    "count), in Arabic (right to left, the default) or French. Open it in a browser and\n"
    "print, or: chromium --headless --print-to-pdf=FILE.pdf FILE.html\n";

int cmd_print(struct cli *c)
{
    const char *from = NULL, *to = NULL, *lang = "ar", *outpath = NULL, *pos[1];
    int npos = 0;
    if (cli_wants_help(c)) {
        fputs(print_usage, stdout);
        return 0;
    }
    for (int i = 1; i < c->argc; i++)
        if (!strcmp(c->argv[i], "-o"))
            c->argv[i] = "--output";
    const struct arg_spec specs[] = {{"--from", 1, &from}, {"--to", 1, &to},
                                     {"--lang", 1, &lang}, {"--output", 1, &outpath}};
    if (args_scan("print", c->argc, c->argv, specs, 4, pos, 1, &npos) < 0 || npos != 1 ||
        !from || !to || !outpath || (strcmp(lang, "ar") && strcmp(lang, "fr")) ||
        (strcmp(pos[0], "arrivals") && strcmp(pos[0], "departures"))) {
        fputs(print_usage, stderr);
        return EXIT_USAGE_;
    }
    if (cli_need_store(c) < 0 || cli_need_rules(c) < 0)
        return EXIT_CONFIG_;
    struct buf out;
    char *cause = NULL;
    buf_init(&out, OUT_MAX);
    int rc = departure_print(c->store, c->cfg, c->rules, pos[0], from, to, lang, &out, &cause);
    if (rc == 0)
        rc = file_write_atomic(outpath, out.data, out.len, 0640, &cause);
    if (rc < 0)
        cli_err(c, "%s", cause ? cause : "failed");
    else
        fprintf(stderr, "%s register %s..%s written to %s\n", pos[0], from, to, outpath);
    free(cause);
    buf_free(&out);
    return rc < 0 ? EXIT_FAIL : EXIT_OK;
}
