/* cmd_paper.c — `bureau register` (a letter on paper or from the counter)
 * and `bureau receipt` (its receipt again), and cli_register_paper, which
 * the console's form calls too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/args.h"
#include "bureau/cli.h"
#include "bureau/json.h"
#include "bureau/paper.h"
#include "bureau/pipeline.h"

static const char register_usage[] =
    "usage: bureau register --from NAME --subject TEXT (--summary TEXT | --summary-file FILE)\n"
    "         [--email ADDR] [--address TEXT] [--letter-date YYYY-MM-DD] [--letter-ref REF]\n"
    "         [--kind KIND] [--department DEPT] [--attach FILE]... [--post]\n"
    "         [--receipt FILE.html]\n\n"
    "Registers a letter that came on paper (--post: by post; else handed in at the\n"
    "counter) in the same numbering as mail, under --as NAME. The summary is its\n"
    "text in the register; --attach adds a scan (PDF, JPEG, PNG, TIFF or WebP; up to\n"
    "20 files, 20 MiB in all). Without --kind or --department the rules decide, as\n"
    "for mail. The citizen is acknowledged by mail when --email is given, and the\n"
    "department head gets the routed item. --receipt writes the bilingual receipt\n"
    "to hand over (HTML, print it from a browser), with the link to the citizen's\n"
    "tracking page when there is no --email and [web] base_url is set; `bureau\n"
    "receipt NUMBER` writes it again. Exit 0 registered, 64 a field is refused, 75\n"
    "the database is busy.\n";

static const char receipt_usage[] =
    "usage: bureau receipt NUMBER [--output FILE.html] [--track]\n\n"
    "The bilingual receipt of a letter registered with `bureau register`, as a\n"
    "print-ready HTML page (to stdout without --output). --track prints a fresh\n"
    "link to the citizen's tracking page on it (needs [web] base_url); the link\n"
    "given before, on a receipt or in the acknowledgement, then opens nothing.\n";

int cli_register_paper(struct cli *c, const struct paper_letter *l, struct pipe_result *res)
{
    struct pipeline p;
    memset(&p, 0, sizeof p);
    p.store = c->store;
    p.cfg = c->cfg;
    p.rules = c->rules;
    p.cal = c->cal;
    p.notify = &c->notify;
    p.actor = c->actor;
    return paper_register(&p, l, res);
}

void cli_paper_receipt_page(struct cli *c, const struct entry *e, const struct paper_facts *f,
                            const char *track_url, struct buf *b)
{
    buf_puts(b, "<!DOCTYPE html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<title>");
    (void)buf_html_escape(b, e->number);
    buf_puts(b, "</title>\n<style>\n" PAPER_RECEIPT_CSS "</style>\n</head>\n<body>\n");
    paper_receipt(b, e, f, c->rules, c->cfg, track_url);
    buf_puts(b, "</body>\n</html>\n");
}

/* --- reading the options ----------------------------------------------------- */

struct scans {
    struct paper_scan v[PAPER_MAX_SCANS];
    char *data[PAPER_MAX_SCANS];
    size_t n;
};

static void scans_free(struct scans *s)
{
    for (size_t i = 0; i < s->n; i++)
        free(s->data[i]);
    s->n = 0;
}

static const char *base_name(const char *path)
{
    const char *b = strrchr(path, '/');
    return b ? b + 1 : path;
}

/* --attach FILE, any number of times: taken out of argv (args_scan takes
 * one value per option) and read, capped. */
static int take_attachments(struct cli *c, struct scans *s)
{
    const char *paths[PAPER_MAX_SCANS];
    size_t total = 0, seen = 0;
    size_t np = args_take_repeated(&c->argc, c->argv, "--attach", paths, PAPER_MAX_SCANS, &seen);
    if (c->argc > 1 && !strcmp(c->argv[c->argc - 1], "--attach")) {
        cli_err(c, "--attach needs a file");
        return -1;
    }
    if (seen > PAPER_MAX_SCANS) {
        cli_err(c, "at most %d scans", PAPER_MAX_SCANS);
        return -1;
    }
    for (size_t i = 0; i < np; i++) {
        const char *path = paths[i];
        char *cause = NULL, *data = NULL;
        size_t n = 0;
        if (file_read_all(path, PAPER_MAX_SCAN_BYTES - total, &data, &n, &cause) < 0) {
            cli_err(c, "%s: %s (scans: %u MiB in all)", path, cause ? cause : "unreadable",
                    PAPER_MAX_SCAN_BYTES >> 20);
            free(cause);
            return -1;
        }
        total += n;
        s->data[s->n] = data;
        s->v[s->n] = (struct paper_scan){base_name(path), data, n};
        s->n++;
    }
    return 0;
}

static void print_result(struct cli *c, const struct pipe_result *res)
{
    struct entry e;
    if (store_entry_by_id(c->store, res->id, &e, NULL) < 0) {
        printf("registered %s\n", res->number);
        return;
    }
    if (c->json) {
        struct buf b;
        struct json j;
        buf_init(&b, 64 * 1024);
        json_init(&j, &b);
        json_obj_begin(&j);
        json_kv_str(&j, "number", e.number);
        json_kv_int(&j, "id", e.id);
        json_kv_str(&j, "kind", e.kind);
        json_kv_str(&j, "department", e.department);
        json_kv_bool(&j, "needs_triage", e.needs_triage);
        json_kv_str(&j, "due_date", e.due_date);
        json_kv_bool(&j, "acknowledged_by_mail", e.sender_addr != NULL);
        json_obj_end(&j);
        printf("%s\n", b.data);
        buf_free(&b);
    } else
        printf("registered %s: %s, %s%s, due %s%s\n", e.number, e.kind, e.department,
               e.needs_triage ? " (to triage)" : "", e.due_date ? e.due_date : "-",
               e.sender_addr ? "; acknowledgement queued" : "; no email: hand over the receipt");
    entry_free(&e);
}

/* track: 1 to print a fresh tracking link on it (the earlier one is void). */
static int write_receipt(struct cli *c, int64_t id, const char *path, int track)
{
    struct entry e;
    struct paper_facts f;
    char *cause = NULL;
    if (store_entry_by_id(c->store, id, &e, &cause) < 0) {
        cli_err(c, "%s", cause ? cause : "entry not found");
        free(cause);
        return EXIT_FAIL;
    }
    int is_paper = paper_get(c->store, id, &f, &cause);
    int rc = EXIT_OK;
    if (is_paper <= 0) {
        cli_err(c, "%s: %s", e.number, is_paper < 0 ? cause : "not a letter registered on paper");
        rc = is_paper < 0 ? EXIT_TEMPFAIL_ : EXIT_DATAERR_;
    } else {
        struct buf b;
        char *link = track ? paper_track_link(c->store, c->cfg, &e, &cause) : NULL;
        if (track && !link)
            fprintf(stderr, "bureau: %s: the receipt has no tracking link: %s\n", e.number,
                    cause ? cause : "no [web] base_url (the public address of the console)");
        buf_init(&b, 1024 * 1024);
        cli_paper_receipt_page(c, &e, &f, link, &b);
        free(link);
        if (!path)
            fwrite(b.data, 1, b.len, stdout);
        else if (file_write_atomic(path, b.data, b.len, 0644, &cause) < 0) {
            cli_err(c, "%s: %s", path, cause ? cause : "cannot write");
            rc = EXIT_FAIL;
        }
        buf_free(&b);
        paper_facts_free(&f);
    }
    free(cause);
    entry_free(&e);
    return rc;
}

static int read_summary(struct cli *c, const char **summary, const char *file, char **owned)
{
    if (!file)
        return 0;
    if (*summary) {
        cli_err(c, "--summary or --summary-file, not both");
        return -1;
    }
    char *cause = NULL;
    size_t n;
    if (file_read_all(file, PAPER_MAX_SUMMARY, owned, &n, &cause) < 0) {
        cli_err(c, "%s: %s (at most %d bytes)", file, cause ? cause : "unreadable",
                PAPER_MAX_SUMMARY);
        free(cause);
        return -1;
    }
    if (memchr(*owned, '\0', n)) {
        cli_err(c, "%s: not text", file);
        return -1;
    }
    *summary = *owned;
    return 0;
}

int cmd_register(struct cli *c)
{
    struct paper_letter l = {.channel = "counter"};
    const char *post = NULL, *summary_file = NULL, *receipt = NULL;
    const struct arg_spec specs[] = {
        {"--from", 1, &l.sender_name},      {"--email", 1, &l.sender_email},
        {"--address", 1, &l.postal_address}, {"--letter-date", 1, &l.letter_date},
        {"--letter-ref", 1, &l.letter_ref}, {"--subject", 1, &l.subject},
        {"--summary", 1, &l.summary},       {"--summary-file", 1, &summary_file},
        {"--kind", 1, &l.kind},             {"--department", 1, &l.department},
        {"--post", 0, &post},               {"--receipt", 1, &receipt},
    };
    if (cli_wants_help(c)) {
        fputs(register_usage, stdout);
        return EXIT_OK;
    }
    struct scans s = {0};
    char *summary_owned = NULL;
    int npos, rc = EXIT_USAGE_;
    if (take_attachments(c, &s) < 0 ||
        args_scan("register", c->argc, c->argv, specs, BU_ARRAY_LEN(specs), NULL, 0, &npos) <
            0 ||
        read_summary(c, &l.summary, summary_file, &summary_owned) < 0)
        goto out;
    if (post)
        l.channel = "post";
    l.scans = s.v;
    l.n_scans = s.n;
    rc = EXIT_CONFIG_;
    if (cli_need_store(c) < 0 || cli_need_rules(c) < 0 || cli_need_calendar(c) < 0 ||
        cli_need_notify(c) < 0)
        goto out;
    char *cause = NULL;
    if (paper_check(&l, c->rules, &cause) < 0) {
        cli_err(c, "%s", cause);
        free(cause);
        rc = EXIT_USAGE_;
        goto out;
    }
    struct pipe_result res;
    if (cli_register_paper(c, &l, &res) < 0) {
        cli_err(c, "nothing registered: %s", res.reason ? res.reason : "?");
        free(res.reason);
        rc = EXIT_TEMPFAIL_;
        goto out;
    }
    print_result(c, &res);
    /* a letter without an address gets its tracking link on the receipt
     * (the acknowledgement mail carries it otherwise) */
    rc = receipt ? write_receipt(c, res.id, receipt,
                                 !(l.sender_email && *l.sender_email) && c->cfg->web.base_url)
                 : EXIT_OK;
out:
    scans_free(&s);
    free(summary_owned);
    return rc;
}

int cmd_receipt(struct cli *c)
{
    const char *output = NULL, *track = NULL, *pos[1];
    const struct arg_spec specs[] = {{"--output", 1, &output}, {"--track", 0, &track}};
    int npos;
    if (cli_wants_help(c)) {
        fputs(receipt_usage, stdout);
        return EXIT_OK;
    }
    if (args_scan("receipt", c->argc, c->argv, specs, 2, pos, 1, &npos) < 0)
        return EXIT_USAGE_;
    if (npos != 1) {
        cli_err(c, "which entry? usage: bureau receipt NUMBER [--output FILE.html]");
        return EXIT_USAGE_;
    }
    if (cli_need_store(c) < 0 || cli_need_rules_quietly(c) < 0)
        return EXIT_CONFIG_;
    struct entry e;
    if (cli_load_entry(c, pos[0], &e) < 0)
        return EXIT_DATAERR_;
    int64_t id = e.id;
    entry_free(&e);
    return write_receipt(c, id, output, track != NULL);
}
