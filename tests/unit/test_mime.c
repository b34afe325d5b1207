/* test_mime.c — mime_parse and mime_parse_isolated on the messages in
 * tests/data/mime/ (see generate.py there), every cap, hostile mutations,
 * the isolated child's crash/timeout paths, and its speed. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bureau/mime.h"
#include "bureau/util.h"
#include "t.h"

#define AR_BODY                                                                              \
    "السلام عليكم،\nأتقدم إليكم بهذه الشكاية بخصوص انقطاع الإنارة العمومية في حي السلام " \
    "منذ أسبوعين.\nوالسلام."
#define AR_SUBJ "شكاية بخصوص الإنارة العمومية"
#define AR_NAME "محمد العلوي"
#define JAN12 1768210200

static const char *own[] = {"ar_cp1256",   "ar_cp1256_as_latin1", "ar_iso8859_6", "ar_undeclared",
                            "ar_utf8",     "bad_base64",          "broken_boundary", "deep_nesting",
                            "dsn",         "dsn_headers",         "fr_cp1252",    "fr_latin1",
                            "fr_utf8_as_latin1", "html_only",     "long_header",  "many_parts",
                            "nested",      "ws_folded_lf"};

static char *load(const char *name, size_t *len)
{
    const char *src = getenv("BUREAU_SOURCE_DIR");
    char *path = xasprintf("%s/tests/data/mime/%s.eml", src ? src : BUREAU_SOURCE_DIR, name);
    char *data = NULL, *cause = NULL;

    if (file_read_all(path, 64u << 20, &data, len, &cause) < 0) {
        fprintf(stderr, "cannot read %s: %s\n", path, cause);
        exit(1);
    }
    free(path);
    return data;
}

static enum mime_result parse_with(const char *name, const struct mime_limits *lim, struct msg *m,
                                   char **cause)
{
    size_t len;
    char *raw = load(name, &len);
    enum mime_result r;

    msg_init(m);
    r = mime_parse(raw, len, lim, m, cause);
    free(raw);
    return r;
}

static enum mime_result parse(const char *name, struct msg *m)
{
    struct mime_limits lim;
    char *cause = NULL;
    enum mime_result r;

    mime_limits_default(&lim);
    r = parse_with(name, &lim, m, &cause);
    if (r != MIME_OK)
        fprintf(stderr, "%s: %s\n", name, cause);
    free(cause);
    return r;
}

static void test_arabic(void)
{
    struct msg m;

    CHECK(parse("ar_utf8", &m) == MIME_OK);
    CHECK_STR(m.subject, AR_SUBJ);
    CHECK_STR(m.from_name, AR_NAME);
    CHECK_STR(m.from_addr, "Citizen@example.ma");
    CHECK_STR(m.to, "bo@commune.ma, Service@commune.ma");
    CHECK_STR(m.body, AR_BODY);
    CHECK_STR(m.body_charset, "utf-8");
    CHECK(m.charset_guessed == 0 && m.body_from_html == 0);
    CHECK(m.date == JAN12);
    CHECK_STR(m.date_raw, "Mon, 12 Jan 2026 10:30:00 +0100");
    CHECK_STR(m.message_id, "m1@citizen.example");
    CHECK_STR(msg_header(&m, "mime-version"), "1.0");
    CHECK_STR(msg_header(&m, "SUBJECT"), AR_SUBJ);
    CHECK(m.n_headers == 8 && m.n_att == 0);
    msg_free(&m);

    CHECK(parse("ar_cp1256", &m) == MIME_OK);
    CHECK_STR(m.subject, AR_SUBJ);
    CHECK_STR(m.from_name, AR_NAME);
    CHECK_STR(m.body, AR_BODY);
    CHECK_STR(m.body_charset, "windows-1256");
    CHECK(m.charset_guessed == 0);
    msg_free(&m);

    CHECK(parse("ar_cp1256_as_latin1", &m) == MIME_OK);
    CHECK_STR(m.body, AR_BODY "\n");
    CHECK_STR(m.body_charset, "windows-1256");
    CHECK(m.charset_guessed == 1);
    CHECK_STR(m.from_name, "Citizen");
    msg_free(&m);

    CHECK(parse("ar_undeclared", &m) == MIME_OK);
    CHECK_STR(m.body, AR_BODY "\n");
    CHECK_STR(m.body_charset, "windows-1256");
    CHECK(m.charset_guessed == 1);
    msg_free(&m);

    CHECK(parse("ar_iso8859_6", &m) == MIME_OK);
    CHECK_STR(m.subject, AR_SUBJ);
    CHECK_STR(m.body, AR_BODY);
    CHECK_STR(m.body_charset, "iso-8859-6");
    CHECK(m.charset_guessed == 0);
    CHECK(m.from_name == NULL);
    CHECK_STR(m.from_addr, "citizen@example.ma");
    msg_free(&m);
}

static void test_french(void)
{
    struct msg m;

    CHECK(parse("fr_latin1", &m) == MIME_OK);
    CHECK_STR(m.subject, "Réclamation: éclairage à Tiznit");
    CHECK_STR(m.from_name, "François Lefèvre");
    CHECK_STR(m.body_charset, "iso-8859-1");
    CHECK(m.charset_guessed == 0);
    CHECK(m.body && strstr(m.body, "salutations distinguées.\nFrançois Lefèvre"));
    msg_free(&m);

    CHECK(parse("fr_cp1252", &m) == MIME_OK);
    CHECK_STR(m.subject, "Réclamation concernant l’éclairage public à Tiznit");
    CHECK_STR(m.from_name, "Lefèvre, François");
    CHECK_STR(m.body_charset, "windows-1252");
    CHECK(m.body && strstr(m.body, "Coût estimé : 150 € — « urgent » ; cœur."));
    msg_free(&m);

    CHECK(parse("fr_utf8_as_latin1", &m) == MIME_OK);
    CHECK_STR(m.body_charset, "utf-8");
    CHECK(m.charset_guessed == 1);
    CHECK(m.body && strstr(m.body, "Je vous écris au sujet de l'éclairage"));
    msg_free(&m);
}

static void test_html(void)
{
    struct msg m;

    CHECK(parse("html_only", &m) == MIME_OK);
    CHECK_STR(m.subject, "Attestation de résidence");
    CHECK_STR(m.from_name, "Amina B.");
    CHECK(m.body_from_html == 1);
    CHECK_STR(m.body, "Demande d'attestation\n\nBonjour,\nje souhaite obtenir une attestation de "
                      "résidence & un certificat.\n\nأرجو منكم «شهادة السكنى» شكرا\nNom : Amina\n"
                      "Quartier : Centre");
    msg_free(&m);
}

static void test_nested(void)
{
    struct msg m;

    CHECK(parse("nested", &m) == MIME_OK);
    CHECK_STR(m.body, AR_BODY);
    CHECK(m.body_from_html == 0);
    CHECK(m.n_att == 3);
    if (m.n_att == 3) {
        CHECK(m.att[0].filename == NULL);
        CHECK_STR(m.att[0].content_type, "image/png");
        CHECK(m.att[0].size == 72 && memcmp(m.att[0].data, "\x89PNG\r\n", 6) == 0);
        CHECK_STR(m.att[1].filename, "شكاية رقم 1.pdf");
        CHECK_STR(m.att[1].content_type, "application/pdf");
        CHECK(m.att[1].size == 1040 && memcmp(m.att[1].data, "%PDF-1.4\n\x00\x01\x02", 12) == 0);
        CHECK(m.att[1].data[9 + 255] == 0xFF);
        CHECK_STR(m.att[2].filename, "reçu dépôt.txt");
        CHECK_STR(m.att[2].content_type, "text/plain");
        CHECK(m.att[2].size == 4 && memcmp(m.att[2].data, "Recu", 4) == 0);
    }
    msg_free(&m);
}

static void test_dsn(void)
{
    struct msg m;

    CHECK(parse("dsn", &m) == MIME_OK);
    CHECK(m.is_dsn == 1);
    CHECK_STR(m.dsn_action, "failed");
    CHECK_STR(m.dsn_original_id, "ack-2026-42@commune.ma");
    CHECK_STR(m.body, "This is the mail system. Your message could not be delivered.");
    msg_free(&m);

    CHECK(parse("dsn_headers", &m) == MIME_OK);
    CHECK(m.is_dsn == 1);
    CHECK_STR(m.dsn_action, "delayed");
    CHECK_STR(m.dsn_original_id, "ENV-42");
    msg_free(&m);

    CHECK(parse("nested", &m) == MIME_OK);
    CHECK(m.is_dsn == 0 && m.dsn_action == NULL && m.dsn_original_id == NULL);
    msg_free(&m);
}

static void test_broken(void)
{
    struct msg m;

    CHECK(parse("bad_base64", &m) == MIME_OK);
    CHECK_STR(m.body, "Salut le monde");
    msg_free(&m);

    CHECK(parse("broken_boundary", &m) == MIME_OK);
    CHECK_STR(m.body, "First part survives.");
    msg_free(&m);

    CHECK(parse("ws_folded_lf", &m) == MIME_OK);
    CHECK_STR(m.subject, "Demande de permis");
    CHECK_STR(m.from_name, "سعيد");
    CHECK_STR(m.to, "bo@commune.ma");
    CHECK_STR(m.in_reply_to, "a@b");
    CHECK_STR(m.references, "r1@x r2@y");
    CHECK(m.date == 1769936400);
    CHECK_STR(m.body, "Corps du message.\nسطر عربي\n");
    msg_free(&m);
}

static void reject(const char *name, const struct mime_limits *lim, const char *want)
{
    struct msg m;
    char *cause = NULL;

    CHECK(parse_with(name, lim, &m, &cause) == MIME_REJECT);
    CHECK(cause && strstr(cause, want));
    if (cause && !strstr(cause, want))
        fprintf(stderr, "  %s: cause was: %s\n", name, cause);
    msg_free(&m);
    free(cause);
}

static void test_caps(void)
{
    struct mime_limits lim, l;
    struct msg m;
    char *cause = NULL;

    mime_limits_default(&lim);
    CHECK(lim.max_message_size == 25u << 20 && lim.max_depth == 16 && lim.max_parts == 200 &&
          lim.max_header_len == 64u << 10 && lim.max_body_text == 2u << 20 &&
          lim.timeout_ms == 10000);
    reject("deep_nesting", &lim, "nesting deeper than 16");
    reject("many_parts", &lim, "more than 200 MIME parts");
    reject("long_header", &lim, "header field longer than 65536");
    l = lim;
    l.max_message_size = 100;
    reject("ar_utf8", &l, "too large");
    l = lim;
    l.max_depth = 2;
    reject("nested", &l, "nesting deeper than 2");
    l.max_depth = 3;
    CHECK(parse_with("nested", &l, &m, &cause) == MIME_OK);
    msg_free(&m);
    l = lim;
    l.max_parts = 7;
    reject("nested", &l, "more than 7 MIME parts");
    l.max_parts = 8;
    CHECK(parse_with("nested", &l, &m, &cause) == MIME_OK);
    msg_free(&m);
    l = lim;
    l.max_header_len = 40;
    reject("ar_utf8", &l, "longer than 40");
    l = lim;
    l.max_body_text = 15;
    CHECK(parse_with("ar_utf8", &l, &m, &cause) == MIME_OK);
    CHECK(m.body && strlen(m.body) <= 15 && utf8_valid(m.body, strlen(m.body)));
    CHECK(m.body && strncmp(m.body, "السلام", strlen(m.body) < 12 ? strlen(m.body) : 12) == 0);
    msg_free(&m);
    free(cause);
}

static void inline_msg(const char *raw, enum mime_result want, struct msg *m)
{
    struct mime_limits lim;
    char *cause = NULL;

    mime_limits_default(&lim);
    msg_init(m);
    CHECK(mime_parse(raw, strlen(raw), &lim, m, &cause) == want);
    free(cause);
}

static void test_inline(void)
{
    struct msg m;

    inline_msg("From sender@x.ma Mon Jan 12 10:00:00 2026\r\nFrom : =?utf-8?q?Sa=C3=AFd?= <s@x.ma>\r\n"
               "Subject: obsolete colon\r\n\r\nbody\r\n", MIME_OK, &m);
    CHECK_STR(m.from_name, "Saïd");
    CHECK_STR(m.from_addr, "s@x.ma");
    msg_free(&m);
    inline_msg("", MIME_REJECT, &m);
    msg_free(&m);
    inline_msg("just some text without any header\r\n", MIME_REJECT, &m);
    msg_free(&m);
    inline_msg("Return-Path: <>\r\nFrom: \"Doe, \\\"J\\\"\" <J.Doe@EXAMPLE.Org> (comment)\r\n"
               "Cc: a@x.ma, Group: b@y.ma, \"c\" <c@z.ma>;\r\nReply-To: <r@Reply.MA>\r\n"
               "Message-ID: plain-id@host\r\nSubject: =?utf-8?B?2LPZhNin2YU=?=\r\n\r\nhi\r\n",
               MIME_OK, &m);
    CHECK_STR(m.return_path, "");
    CHECK_STR(m.from_name, "Doe, \"J\"");
    CHECK_STR(m.from_addr, "J.Doe@example.org");
    CHECK_STR(m.cc, "a@x.ma, b@y.ma, c@z.ma");
    CHECK_STR(m.reply_to, "r@reply.ma");
    CHECK_STR(m.message_id, "plain-id@host");
    CHECK_STR(m.subject, "سلام");
    CHECK_STR(m.body, "hi\n");
    CHECK(m.to == NULL && m.date == 0);
    msg_free(&m);
}

static int same_str(const char *a, const char *b)
{
    return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static int same_msg(const struct msg *a, const struct msg *b)
{
    int ok = same_str(a->subject, b->subject) && same_str(a->from_addr, b->from_addr) &&
             same_str(a->from_name, b->from_name) && same_str(a->to, b->to) &&
             same_str(a->cc, b->cc) && same_str(a->reply_to, b->reply_to) &&
             same_str(a->return_path, b->return_path) && same_str(a->date_raw, b->date_raw) &&
             same_str(a->message_id, b->message_id) && same_str(a->in_reply_to, b->in_reply_to) &&
             same_str(a->references, b->references) && same_str(a->body, b->body) &&
             same_str(a->body_charset, b->body_charset) &&
             same_str(a->dsn_original_id, b->dsn_original_id) &&
             same_str(a->dsn_action, b->dsn_action) && a->date == b->date &&
             a->body_from_html == b->body_from_html && a->charset_guessed == b->charset_guessed &&
             a->is_dsn == b->is_dsn && a->n_headers == b->n_headers && a->n_att == b->n_att;

    for (size_t i = 0; ok && i < a->n_headers; i++)
        ok = same_str(a->headers[i].name, b->headers[i].name) &&
             same_str(a->headers[i].value, b->headers[i].value);
    for (size_t i = 0; ok && i < a->n_att; i++)
        ok = same_str(a->att[i].filename, b->att[i].filename) &&
             same_str(a->att[i].content_type, b->att[i].content_type) &&
             a->att[i].size == b->att[i].size &&
             strcmp(a->att[i].sha256, b->att[i].sha256) == 0 && strlen(a->att[i].sha256) == 64 &&
             /* the isolated parse without data sends only size and digest */
             (!b->att[i].data || memcmp(a->att[i].data, b->att[i].data, a->att[i].size) == 0);
    return ok;
}

static void test_isolated_same(void)
{
    struct mime_limits lim;

    mime_limits_default(&lim);
    for (size_t i = 0; i < BU_ARRAY_LEN(own); i++) {
        struct msg a, b;
        char *ca = NULL, *cb = NULL;
        size_t len;
        char *raw = load(own[i], &len);
        enum mime_result ra, rb;
        msg_init(&a);
        msg_init(&b);
        ra = mime_parse(raw, len, &lim, &a, &ca);
        rb = mime_parse_isolated(raw, len, &lim, &b, &cb);
        CHECK(ra == rb);
        if (ra == MIME_OK && rb == MIME_OK)
            CHECK(same_msg(&a, &b));
        else
            CHECK(ca && cb && strcmp(ca, cb) == 0);
        for (size_t k = 0; k < b.n_att; k++)
            CHECK(b.att[k].data == NULL);
        msg_free(&b);
        msg_init(&b);
        rb = mime_parse_isolated_data(raw, len, &lim, &b, &cb);
        CHECK(ra == rb);
        if (ra == MIME_OK && rb == MIME_OK) {
            CHECK(same_msg(&a, &b));
            for (size_t k = 0; k < b.n_att; k++)
                CHECK(b.att[k].data != NULL || b.att[k].size == 0);
        }
        msg_free(&a);
        msg_free(&b);
        free(ca);
        free(cb);
        free(raw);
    }
}

/* No child has exited without being reaped (the worker itself may live). */
static int no_zombies(void)
{
    pid_t p = waitpid(-1, NULL, WNOHANG);

    return p == 0 || (p == -1 && errno == ECHILD);
}

static void test_isolated_faults(void)
{
    struct mime_limits lim;
    struct msg m;
    char *cause = NULL;
    size_t len;
    char *raw = load("ar_utf8", &len);
    struct timespec t0, t1;

    mime_limits_default(&lim);
    msg_init(&m);
    setenv("BUREAU_MIME_CHILD_FAULT", "segv", 1);
    CHECK(mime_parse_isolated(raw, len, &lim, &m, &cause) == MIME_CRASH);
    CHECK_STR(cause, "parser crashed (signal 11)");
    CHECK(m.subject == NULL);
    CHECK(no_zombies());
    /* out of memory in the worker: a clear verdict, the message quarantined */
    setenv("BUREAU_MIME_CHILD_FAULT", "oom", 1);
    CHECK(mime_parse_isolated(raw, len, &lim, &m, &cause) == MIME_CRASH);
    CHECK_STR(cause, "parser ran out of memory (the message needs more than its limit)");
    CHECK(m.subject == NULL);
    CHECK(no_zombies());
    setenv("BUREAU_MIME_CHILD_FAULT", "hang", 1);
    lim.timeout_ms = 300;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK(mime_parse_isolated(raw, len, &lim, &m, &cause) == MIME_CRASH);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    CHECK_STR(cause, "parser timed out after 300 ms");
    CHECK((t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000 < 2000);
    CHECK(no_zombies());
    lim.timeout_ms = 2000;
    CHECK(mime_parse_isolated(raw, len, &lim, &m, &cause) == MIME_CRASH);
    CHECK_STR(cause, "parser timed out after 2 s");
    unsetenv("BUREAU_MIME_CHILD_FAULT");
    CHECK(mime_parse_isolated(raw, len, &lim, &m, &cause) == MIME_OK);
    CHECK_STR(m.subject, AR_SUBJ);
    CHECK(no_zombies());
    msg_free(&m);
    free(cause);
    free(raw);
}

/* State letter and parent of process pid from /proc; -1 when it is gone. */
static int stat_of(pid_t pid, char *state, pid_t *ppid)
{
    char path[64], line[512];
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t n = fread(line, 1, sizeof line - 1, f);
    fclose(f);
    line[n] = '\0';
    const char *p = strrchr(line, ')');  /* after "pid (comm)": state, ppid */
    if (!p || !p[1] || !p[2])
        return -1;
    *state = p[2];
    *ppid = (pid_t)strtol(p + 3, NULL, 10);
    return 0;
}

/* Has process pid exited (a zombie, or reaped)? */
static int dead(pid_t pid)
{
    char st;
    pid_t pp;
    return stat_of(pid, &st, &pp) < 0 || st == 'Z';
}

/* Submit one message to w with the given fault (NULL: none). */
static int submit_fault(struct mime_worker *w, const char *raw, size_t len,
                        const struct mime_limits *lim, const char *fault)
{
    if (fault)
        setenv("BUREAU_MIME_CHILD_FAULT", fault, 1);
    else
        unsetenv("BUREAU_MIME_CHILD_FAULT");
    int r = mime_worker_submit(w, raw, len, lim);
    unsetenv("BUREAU_MIME_CHILD_FAULT");
    return r;
}

/* The pipelined worker: results in submit order; a crash or a hang costs
 * only its own message, the ones queued behind it are parsed by a fresh
 * process; queue and size refusals; discard; recycling with a full queue. */
static void test_worker_queue(int forkserver)
{
    struct mime_limits lim;
    size_t alen, flen;
    char *ar = load("ar_utf8", &alen);
    char *fr = load("fr_cp1252", &flen);
    struct msg m;
    char *cause = NULL;
    struct mime_worker *w = mime_worker_new();

    if (forkserver)
        CHECK(mime_worker_forkserver(w, &cause) == 0);
    mime_limits_default(&lim);
    lim.timeout_ms = 1500;  /* a margin for a loaded ASan run; the hang costs it */
    /* started before the first message, the process serves it */
    CHECK(mime_worker_pid(w) == 0);
    CHECK(mime_worker_prestart(w, &lim) == 0);
    pid_t early = mime_worker_pid(w);
    CHECK(early > 0);
    CHECK(mime_worker_prestart(w, &lim) == 0 && mime_worker_pid(w) == early);
    CHECK(mime_worker_submit(w, ar, alen, &lim) == 0);
    msg_init(&m);
    CHECK(mime_worker_collect(w, &m, &cause) == MIME_OK);
    CHECK(m.subject && strcmp(m.subject, AR_SUBJ) == 0);
    CHECK(mime_worker_pid(w) == early);
    msg_free(&m);

    /* serviced while the caller waits: the replies are read ahead and then
     * collected in order; a crash read ahead still costs only its message.
     * The worker dies on the second request before the third is written:
     * the write fails, and the first reply, already sent, is still read
     * (it was lost with the process before, and the race made this check
     * fail now and then) */
    int wake[2];
    CHECK(pipe(wake) == 0);
    pid_t dying = mime_worker_pid(w);
    CHECK(submit_fault(w, fr, flen, &lim, NULL) == 0);
    CHECK(submit_fault(w, ar, alen, &lim, "segv") == 0);
    for (int i = 0; i < 1000 && !dead(dying); i++)
        usleep(10000);
    CHECK(dead(dying));
    CHECK(submit_fault(w, ar, alen, &lim, NULL) == 0);
    CHECK(mime_worker_read_ahead(w) == 0);
    int woken = 0;
    for (int i = 0; i < 1000 && mime_worker_read_ahead(w) == 0; i++)
        woken += mime_worker_service(w, wake[0], 10);
    CHECK(woken == 0);
    CHECK(mime_worker_read_ahead(w) > 0);
    CHECK(write(wake[1], "x", 1) == 1);
    CHECK(mime_worker_service(w, wake[0], 1000) == 1);
    close(wake[0]);
    close(wake[1]);
    msg_init(&m);
    CHECK(mime_worker_collect(w, &m, &cause) == MIME_OK);
    CHECK(m.subject && strstr(m.subject, "é") != NULL);
    msg_free(&m);
    msg_init(&m);
    CHECK(mime_worker_collect(w, &m, &cause) == MIME_CRASH);
    CHECK_STR(cause, "parser crashed (signal 11)");
    free(cause);
    cause = NULL;
    msg_free(&m);
    msg_init(&m);
    CHECK(mime_worker_collect(w, &m, &cause) == MIME_OK);
    CHECK(m.subject && strcmp(m.subject, AR_SUBJ) == 0);
    msg_free(&m);
    CHECK(mime_worker_inflight(w) == 0);

    /* ar, fr, crash, fr, hang, ar */
    CHECK(submit_fault(w, ar, alen, &lim, NULL) == 0);
    CHECK(submit_fault(w, fr, flen, &lim, NULL) == 0);
    CHECK(submit_fault(w, ar, alen, &lim, "segv") == 0);
    CHECK(submit_fault(w, fr, flen, &lim, NULL) == 0);
    CHECK(submit_fault(w, ar, alen, &lim, "hang") == 0);
    CHECK(submit_fault(w, ar, alen, &lim, NULL) == 0);
    CHECK(mime_worker_inflight(w) == 6);
    CHECK(mime_worker_is_next(w, ar, alen));
    CHECK(!mime_worker_is_next(w, fr, flen));
    const char *want[] = {"ar", "fr", "segv", "fr", "hang", "ar"};
    for (size_t i = 0; i < 6; i++) {
        msg_init(&m);
        enum mime_result r = mime_worker_collect(w, &m, &cause);
        if (strcmp(want[i], "segv") == 0) {
            CHECK(r == MIME_CRASH);
            CHECK_STR(cause, "parser crashed (signal 11)");
        } else if (strcmp(want[i], "hang") == 0) {
            CHECK(r == MIME_CRASH);
            CHECK_STR(cause, "parser timed out after 1500 ms");
        } else {
            CHECK(r == MIME_OK);
            CHECK(m.subject != NULL);
            if (want[i][0] == 'a')
                CHECK_STR(m.subject, AR_SUBJ);
            else
                CHECK(m.subject && strstr(m.subject, "é") != NULL);
        }
        msg_free(&m);
    }
    CHECK(mime_worker_inflight(w) == 0);
    CHECK(no_zombies());

    /* the queue has a depth; a message over the cap is refused, then parsed
     * (rejected) when its turn comes */
    size_t taken = 0;
    while (mime_worker_submit(w, ar, alen, &lim) == 0 && taken < 1000)
        taken++;
    CHECK(taken == MIME_WORKER_DEPTH);
    mime_worker_discard(w);
    CHECK(mime_worker_inflight(w) == 0);
    struct mime_limits small = lim;
    small.max_message_size = alen - 1;
    CHECK(mime_worker_submit(w, ar, alen, &small) == 1);
    msg_init(&m);
    CHECK(mime_worker_parse(w, ar, alen, &small, &m, &cause) == MIME_REJECT);
    msg_free(&m);

    /* 2,500 messages through a full queue: the process is replaced every
     * 1,000 without losing or reordering one */
    mime_worker_set_recycle(w, 1000);
    unsigned ok = 0, order = 1, pids = 0;
    pid_t last = 0;
    size_t sub = 0, got = 0;
    while (got < 2500) {
        while (sub < 2500 && mime_worker_submit(w, sub % 2 ? fr : ar, sub % 2 ? flen : alen,
                                                &lim) == 0)
            sub++;
        msg_init(&m);
        if (mime_worker_collect(w, &m, &cause) == MIME_OK)
            ok++;
        if (mime_worker_pid(w) != last) {
            last = mime_worker_pid(w);
            pids++;
        }
        if (!m.subject || (got % 2 == 0) != (strcmp(m.subject, AR_SUBJ) == 0))
            order = 0;
        msg_free(&m);
        got++;
    }
    CHECK(ok == 2500);
    CHECK(order);
    CHECK(pids >= 3);  /* every 1,000 at least (growth may add some, as under ASan) */

    /* a worker whose heap grew (a leak) asks to be replaced: the messages
     * queued behind still come back, from the next process */
    mime_worker_set_recycle(w, 0);
    msg_init(&m);
    CHECK(mime_worker_parse(w, ar, alen, &lim, &m, &cause) == MIME_OK);
    msg_free(&m);
    pid_t before = mime_worker_pid(w);
    CHECK(submit_fault(w, ar, alen, &lim, "bloat") == 0);
    for (int i = 0; i < 5; i++)
        CHECK(submit_fault(w, fr, flen, &lim, NULL) == 0);
    ok = 0;
    for (int i = 0; i < 6; i++) {
        msg_init(&m);
        ok += mime_worker_collect(w, &m, &cause) == MIME_OK && m.subject != NULL;
        msg_free(&m);
    }
    CHECK(ok == 6);
    CHECK(mime_worker_pid(w) == before);  /* it finished what it had */
    msg_init(&m);
    CHECK(mime_worker_parse(w, ar, alen, &lim, &m, &cause) == MIME_OK);
    CHECK_STR(m.subject, AR_SUBJ);
    msg_free(&m);
    CHECK(mime_worker_pid(w) != before && mime_worker_pid(w) > 0);
    mime_worker_free(w);
    CHECK(no_zombies());
    free(cause);
    free(ar);
    free(fr);
}

/* Sends the subject back, so that each result's extra can be matched to it. */
static void subject_hook(const struct msg *m, struct buf *out, void *ctx)
{
    (void)ctx;
    if (m->subject)
        (void)buf_append(out, m->subject, strlen(m->subject));
}

/* Two parser processes: results and the hook's bytes still come back in
 * submit order, a crash or a hang in one lane costs only its message, and
 * thousands of messages through both full queues are neither lost nor
 * reordered. */
static void test_worker_lanes(void)
{
    struct mime_limits lim;
    size_t alen, flen;
    char *ar = load("ar_utf8", &alen);
    char *fr = load("fr_cp1252", &flen);
    struct msg m;
    char *cause = NULL;
    struct mime_worker *w = mime_worker_new();

    mime_limits_default(&lim);
    lim.timeout_ms = 1500;
    mime_worker_set_hook(w, subject_hook, NULL);
    CHECK(mime_worker_set_parsers(w, 9) == 4);
    CHECK(mime_worker_set_parsers(w, 2) == 2);
    CHECK(mime_worker_forkserver(w, &cause) == -1);
    CHECK_STR(cause, "a fork server serves a single parser process");
    free(cause);
    cause = NULL;
    CHECK(mime_worker_prestart(w, &lim) == 0);

    const char *want[] = {"ar", "fr", "segv", "fr", "hang", "ar", "fr", "ar"};
    size_t nw = sizeof want / sizeof *want;
    for (size_t i = 0; i < nw; i++) {
        int a = want[i][0] != 'f';
        const char *fault = strcmp(want[i], "segv") == 0 || strcmp(want[i], "hang") == 0
                                ? want[i] : NULL;
        CHECK(submit_fault(w, a ? ar : fr, a ? alen : flen, &lim, fault) == 0);
    }
    CHECK(mime_worker_inflight(w) == nw);
    CHECK(mime_worker_set_parsers(w, 1) == 2);  /* not while messages are in flight */
    for (size_t i = 0; i < nw; i++) {
        msg_init(&m);
        enum mime_result r = mime_worker_collect(w, &m, &cause);
        size_t xl = 0;
        const char *x = mime_worker_extra(w, &xl);
        if (strcmp(want[i], "segv") == 0) {
            CHECK(r == MIME_CRASH);
            CHECK_STR(cause, "parser crashed (signal 11)");
            CHECK(x == NULL);
        } else if (strcmp(want[i], "hang") == 0) {
            CHECK(r == MIME_CRASH);
            CHECK_STR(cause, "parser timed out after 1500 ms");
            CHECK(x == NULL);
        } else {
            CHECK(r == MIME_OK);
            CHECK(m.subject != NULL);
            if (want[i][0] == 'a')
                CHECK_STR(m.subject, AR_SUBJ);
            else
                CHECK(m.subject && strstr(m.subject, "é") != NULL);
            CHECK(x && m.subject && xl == strlen(m.subject) && memcmp(x, m.subject, xl) == 0);
        }
        msg_free(&m);
    }
    CHECK(mime_worker_inflight(w) == 0);
    msg_init(&m);
    CHECK(mime_worker_collect(w, &m, &cause) == MIME_SYSERR);
    msg_free(&m);

    /* both queues full: twice the depth of one */
    size_t taken = 0;
    while (mime_worker_submit(w, ar, alen, &lim) == 0 && taken < 1000)
        taken++;
    CHECK(taken == 2 * MIME_WORKER_DEPTH);
    mime_worker_discard(w);
    CHECK(mime_worker_inflight(w) == 0);

    /* 3,000 messages, each lane recycled every 500 */
    mime_worker_set_recycle(w, 500);
    unsigned ok = 0, order = 1;
    size_t sub = 0, got = 0;
    while (got < 3000) {
        while (sub < 3000 && mime_worker_submit(w, sub % 3 ? fr : ar, sub % 3 ? flen : alen,
                                                &lim) == 0)
            sub++;
        msg_init(&m);
        size_t xl = 0;
        if (mime_worker_collect(w, &m, &cause) == MIME_OK)
            ok++;
        const char *x = mime_worker_extra(w, &xl);
        if (!m.subject || (got % 3 == 0) != (strcmp(m.subject, AR_SUBJ) == 0) || !x ||
            xl != strlen(m.subject) || memcmp(x, m.subject, xl) != 0)
            order = 0;
        msg_free(&m);
        got++;
    }
    CHECK(ok == 3000);
    CHECK(order);
    msg_init(&m);
    CHECK(mime_worker_parse(w, fr, flen, &lim, &m, &cause) == MIME_OK);
    CHECK(m.subject && strstr(m.subject, "é") != NULL);
    msg_free(&m);
    mime_worker_free(w);
    CHECK(no_zombies());
    free(cause);
    free(ar);
    free(fr);
}

/* The parent of process pid (0 when unknown). */
static pid_t parent_of(pid_t pid)
{
    char st;
    pid_t pp;
    return stat_of(pid, &st, &pp) < 0 ? 0 : pp;
}

/* A lock another thread holds while a worker is forked. */
static pthread_mutex_t held = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t held_go = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t held_cv = PTHREAD_COND_INITIALIZER;
static int held_state;  /* 1: the thread holds it; 2: it may let go */

static void *hold_lock(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&held);
    pthread_mutex_lock(&held_go);
    held_state = 1;
    pthread_cond_broadcast(&held_cv);
    while (held_state != 2)
        pthread_cond_wait(&held_cv, &held_go);
    pthread_mutex_unlock(&held_go);
    pthread_mutex_unlock(&held);
    return NULL;
}

/* Takes the lock, as a library called by the parser would. */
static void locking_hook(const struct msg *m, struct buf *out, void *ctx)
{
    (void)m;
    (void)ctx;
    pthread_mutex_lock(&held);
    (void)buf_append(out, "hooked", 6);
    pthread_mutex_unlock(&held);
}

static enum mime_result parse_once(struct mime_worker *w, const char *raw, size_t len,
                                   const struct mime_limits *lim, char **cause)
{
    struct msg m;
    msg_init(&m);
    enum mime_result r = mime_worker_parse(w, raw, len, lim, &m, cause);
    msg_free(&m);
    return r;
}

/* Workers forked while another thread holds a lock: straight from this
 * process they inherit it held and hang on it (a timeout: the message would
 * be quarantined); from the fork server, started while this process had one
 * thread, they do not. If the fork server dies, workers are forked here
 * again; nothing is left behind. */
static void test_worker_forkserver(void)
{
    struct mime_limits lim;
    size_t alen;
    char *ar = load("ar_utf8", &alen);
    char *cause = NULL;
    size_t n;
    mime_limits_default(&lim);
    lim.timeout_ms = 2000;
    struct mime_worker *direct = mime_worker_new();
    struct mime_worker *served = mime_worker_new();
    mime_worker_set_hook(direct, locking_hook, NULL);
    mime_worker_set_hook(served, locking_hook, NULL);
    CHECK(mime_worker_forkserver(served, &cause) == 0);
    CHECK(mime_worker_forkserver(served, &cause) == 0);  /* one is enough */

    pthread_t th;
    CHECK(pthread_create(&th, NULL, hold_lock, NULL) == 0);
    pthread_mutex_lock(&held_go);
    while (held_state != 1)
        pthread_cond_wait(&held_cv, &held_go);
    pthread_mutex_unlock(&held_go);

    CHECK(parse_once(direct, ar, alen, &lim, &cause) == MIME_CRASH);
    CHECK_STR(cause, "parser timed out after 2 s");
    CHECK(parse_once(served, ar, alen, &lim, &cause) == MIME_OK);
    const char *x = mime_worker_extra(served, &n);
    CHECK(x && n == 6 && memcmp(x, "hooked", 6) == 0);
    pid_t worker = mime_worker_pid(served), fs = parent_of(worker);
    CHECK(worker > 0 && fs > 0 && fs != getpid());
    CHECK(parent_of(fs) == getpid());

    /* a crash is judged from the status the fork server reaped */
    CHECK(submit_fault(served, ar, alen, &lim, "segv") == 0);
    struct msg m;
    msg_init(&m);
    CHECK(mime_worker_collect(served, &m, &cause) == MIME_CRASH);
    CHECK_STR(cause, "parser crashed (signal 11)");
    msg_free(&m);
    CHECK(parse_once(served, ar, alen, &lim, &cause) == MIME_OK);
    CHECK(parent_of(mime_worker_pid(served)) == fs);

    pthread_mutex_lock(&held_go);
    held_state = 2;
    pthread_cond_broadcast(&held_cv);
    pthread_mutex_unlock(&held_go);
    pthread_join(th, NULL);

    /* the fork server is killed: the worker in place goes on, the next one
     * is forked here */
    CHECK(kill(fs, SIGKILL) == 0);
    mime_worker_set_recycle(served, 1);
    CHECK(parse_once(served, ar, alen, &lim, &cause) == MIME_OK);
    CHECK(parse_once(served, ar, alen, &lim, &cause) == MIME_OK);
    CHECK(parent_of(mime_worker_pid(served)) == getpid());
    mime_worker_free(served);
    mime_worker_free(direct);
    CHECK(no_zombies());
    free(cause);
    free(ar);
}

/* Random byte flips, truncations and duplications of real messages: the
 * parser must return OK or REJECT, and what it returns must be valid UTF-8. */
static void test_mutations(void)
{
    const char *seeds[] = {"nested", "dsn", "html_only", "ar_cp1256", "ws_folded_lf"};
    struct mime_limits lim;
    uint32_t rnd = 12345;
    unsigned ok = 0, rejected = 0, bad = 0;

    mime_limits_default(&lim);
    for (size_t s = 0; s < BU_ARRAY_LEN(seeds); s++) {
        size_t len;
        char *raw = load(seeds[s], &len);
        for (int k = 0; k < 300; k++) {
            char *mut = xmalloc(len * 2 + 1);
            size_t n = len;
            struct msg m;
            char *cause = NULL;
            enum mime_result r;
            memcpy(mut, raw, len);
            for (int f = 0; f < 1 + k % 8; f++) {
                rnd = rnd * 1103515245u + 12345u;
                mut[(rnd >> 8) % n] = (char)(rnd >> 24);
            }
            if (k % 3 == 0) {
                rnd = rnd * 1103515245u + 12345u;
                n = 1 + (rnd >> 8) % n;
            } else if (k % 3 == 1) {
                size_t at = (rnd >> 4) % n, l = (rnd >> 12) % (n - at);
                memcpy(mut + n, mut + at, l);
                n += l;
            }
            msg_init(&m);
            r = mime_parse(mut, n, &lim, &m, &cause);
            if (r == MIME_OK) {
                ok++;
                if ((m.body && !utf8_valid(m.body, strlen(m.body))) ||
                    (m.subject && !utf8_valid(m.subject, strlen(m.subject))))
                    bad++;
            } else if (r == MIME_REJECT) {
                rejected++;
            } else {
                bad++;
            }
            msg_free(&m);
            free(cause);
            free(mut);
        }
        free(raw);
    }
    printf("mutations: %u parsed, %u rejected, %u bad\n", ok, rejected, bad);
    CHECK(bad == 0);
    CHECK(ok > 0);
}

static double elapsed_us(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) * 1e6 + (double)(b->tv_nsec - a->tv_nsec) / 1e3;
}

static void test_speed(void)
{
    struct mime_limits lim;
    size_t len;
    char *raw = load("nested", &len);
    struct timespec t0, t1, t2;
    const int n = 500;
    int fails = 0;

    mime_limits_default(&lim);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (int i = 0; i < n; i++) {
        struct msg m;
        char *cause = NULL;
        msg_init(&m);
        fails += mime_parse(raw, len, &lim, &m, &cause) != MIME_OK;
        msg_free(&m);
        free(cause);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    for (int i = 0; i < n; i++) {
        struct msg m;
        char *cause = NULL;
        msg_init(&m);
        fails += mime_parse_isolated(raw, len, &lim, &m, &cause) != MIME_OK;
        msg_free(&m);
        free(cause);
    }
    clock_gettime(CLOCK_MONOTONIC, &t2);
    printf("%zu-byte message: %.1f us in-process, %.1f us isolated (persistent worker)\n", len,
           elapsed_us(&t0, &t1) / n, elapsed_us(&t1, &t2) / n);
    CHECK(fails == 0);
    CHECK(no_zombies());
    free(raw);
}

/* The plain bit-at-a-time decoder the fast one must agree with: skip
 * what is not base64, padding after two or more characters of a quantum
 * ends the data. */
static size_t ref_base64(const char *s, size_t n, unsigned char *out)
{
    static const char alpha[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    unsigned acc = 0, q = 0;
    int bits = 0;
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const char *p = s[i] ? strchr(alpha, s[i]) : NULL;
        if (s[i] == '=' && q >= 2)
            break;
        if (!p)
            continue;
        q = (q + 1) % 4;
        acc = ((acc << 6) | (unsigned)(p - alpha)) & 0xFFFFFF;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out[k++] = (unsigned char)(acc >> bits);
        }
    }
    return k;
}

/* Random base64 bodies, clean and dirty (line breaks anywhere, stray
 * characters, early padding), decoded by the parser as an attachment
 * and compared with ref_base64. */
static void test_base64_differential(void)
{
    static const char pool[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
        "=\r\n*.-\x80\xff"; /* no spaces: a spaced body is taken for mislabelled text */
    struct mime_limits lim;
    unsigned seed = 12345;
    int same = 0, runs = 400;
    mime_limits_default(&lim);
    for (int r = 0; r < runs; r++) {
        char body[1200];
        size_t n = 0, want_len = 0;
        int dirty = r % 2;
        size_t len = 1 + (seed = seed * 1103515245u + 12345u) % 1100;
        for (; n < len; n++) {
            seed = seed * 1103515245u + 12345u;
            size_t span = dirty ? sizeof pool - 1 : 128;
            body[n] = pool[(seed >> 8) % span];
            if (!dirty && n % 78 == 76)
                body[n] = '\r';
            if (!dirty && n % 78 == 77)
                body[n] = '\n';
        }
        unsigned char want[1200];
        want_len = ref_base64(body, n, want);
        struct buf raw;
        buf_init(&raw, 8192);
        buf_puts(&raw, "From: a@b.test\r\nSubject: b64\r\nMIME-Version: 1.0\r\n"
                       "Content-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n--XX\r\n"
                       "Content-Type: text/plain\r\n\r\nhello\r\n--XX\r\n"
                       "Content-Type: application/octet-stream; name=\"x.bin\"\r\n"
                       "Content-Disposition: attachment; filename=\"x.bin\"\r\n"
                       "Content-Transfer-Encoding: base64\r\n\r\n");
        for (size_t i = 0; i < n; i++)  /* no boundary line can appear inside */
            buf_putc(&raw, body[i] == '-' ? '*' : body[i]);
        buf_puts(&raw, "\r\n--XX--\r\n");
        for (size_t i = 0; i < n; i++)
            if (body[i] == '-')
                body[i] = '*';
        want_len = ref_base64(body, n, want);
        struct msg m;
        char *cause = NULL;
        msg_init(&m);
        int ok = mime_parse(raw.data, raw.len, &lim, &m, &cause) == MIME_OK && m.n_att == 1 &&
                 m.att[0].size == want_len &&
                 (want_len == 0 || memcmp(m.att[0].data, want, want_len) == 0);
        if (!ok)
            fprintf(stderr, "base64 run %d (%s, %zu chars) differs\n", r,
                    dirty ? "dirty" : "clean", n);
        same += ok;
        msg_free(&m);
        free(cause);
        buf_free(&raw);
    }
    CHECK(same == runs);
}

int main(void)
{
    test_arabic();
    test_french();
    test_html();
    test_nested();
    test_dsn();
    test_broken();
    test_caps();
    test_inline();
    test_isolated_same();
    test_isolated_faults();
    test_worker_queue(0);
    test_worker_queue(1);
    test_worker_lanes();
    test_worker_forkserver();
    test_mutations();
    test_base64_differential();
    test_speed();
    T_END();
}
