/* cmd_parse.c — `bureau parse FILE.eml|- [--json] [--isolated]`: the decoded
 * message, for debugging. No config, no database. Parses in-process (so a
 * parser bug shows as a crash) unless --isolated is given. Exit 0, 65 when
 * the parser rejects the message (reason on stderr), 64 on usage errors,
 * 66 when the file cannot be read. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bureau/cli.h"
#include "bureau/fname.h"
#include "bureau/json.h"
#include "bureau/mime.h"
#include "bureau/util.h"

#define PARSE_EXIT_NOINPUT 66

/* Read path ("-" = stdin) up to max bytes. Returns 0, -1 on an I/O
 * error, -2 when the input is larger than max. */
static int read_input(const char *path, size_t max, char **out, size_t *outlen, char **cause)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    struct buf b;
    char tmp[65536];
    size_t r;
    int rc = 0;

    if (!f) {
        set_cause(cause, "%s", strerror(errno));
        return -1;
    }
    buf_init(&b, max);
    while (rc == 0 && (r = fread(tmp, 1, sizeof(tmp), f)) > 0)
        if (buf_append(&b, tmp, r) < 0) {
            set_cause(cause, "message too large (limit %zu bytes)", max);
            rc = -2;
        }
    if (rc == 0 && ferror(f)) {
        set_cause(cause, "read error");
        rc = -1;
    }
    if (f != stdin)
        fclose(f);
    if (rc < 0) {
        buf_free(&b);
        return rc;
    }
    *outlen = b.len;
    *out = buf_steal(&b);
    return 0;
}

static void json_headers(struct json *j, const struct msg *m)
{
    json_key(j, "headers");
    json_arr_begin(j);
    for (size_t i = 0; i < m->n_headers; i++) {
        json_arr_begin(j);
        json_str(j, m->headers[i].name);
        json_str(j, m->headers[i].value);
        json_arr_end(j);
    }
    json_arr_end(j);
}

static void json_attachments(struct json *j, const struct msg *m)
{
    json_key(j, "attachments");
    json_arr_begin(j);
    for (size_t i = 0; i < m->n_att; i++) {
        json_obj_begin(j);
        fname_json(j, m->att[i].filename);
        json_kv_str(j, "content_type", m->att[i].content_type);
        json_kv_int(j, "size", (int64_t)m->att[i].size);
        json_kv_str(j, "sha256", m->att[i].sha256);
        json_obj_end(j);
    }
    json_arr_end(j);
}

static void print_json(const struct msg *m)
{
    struct buf out;
    struct json j;

    buf_init(&out, (size_t)1 << 31);
    json_init(&j, &out);
    json_obj_begin(&j);
    json_kv_str(&j, "subject", m->subject);
    json_kv_str(&j, "from_addr", m->from_addr);
    json_kv_str(&j, "from_name", m->from_name);
    json_kv_str(&j, "to", m->to);
    json_kv_str(&j, "cc", m->cc);
    json_kv_str(&j, "reply_to", m->reply_to);
    json_kv_str(&j, "return_path", m->return_path);
    json_kv_str(&j, "date_raw", m->date_raw);
    json_kv_int(&j, "date", m->date);
    json_kv_str(&j, "message_id", m->message_id);
    json_kv_str(&j, "in_reply_to", m->in_reply_to);
    json_kv_str(&j, "references", m->references);
    json_kv_str(&j, "body", m->body);
    json_kv_str(&j, "body_charset", m->body_charset);
    json_kv_bool(&j, "charset_guessed", m->charset_guessed);
    json_kv_bool(&j, "body_from_html", m->body_from_html);
    json_kv_bool(&j, "is_dsn", m->is_dsn);
    json_kv_str(&j, "dsn_action", m->dsn_action);
    json_kv_str(&j, "dsn_original_id", m->dsn_original_id);
    json_attachments(&j, m);
    json_headers(&j, m);
    json_obj_end(&j);
    fwrite(out.data, 1, out.len, stdout);
    fputc('\n', stdout);
    buf_free(&out);
}

static void print_text(const struct msg *m)
{
    char date[40] = "";

    if (m->date)
        fmt_rfc5322(m->date, date);
    printf("Subject: %s\n", m->subject ? m->subject : "");
    printf("From: %s <%s>\n", m->from_name ? m->from_name : "", m->from_addr ? m->from_addr : "");
    printf("To: %s\n", m->to ? m->to : "");
    if (m->cc)
        printf("Cc: %s\n", m->cc);
    printf("Date: %s\n", date);
    printf("Message-ID: %s\n", m->message_id ? m->message_id : "");
    printf("Charset: %s%s%s\n", m->body_charset ? m->body_charset : "-",
           m->charset_guessed ? " (guessed)" : "", m->body_from_html ? " (from html)" : "");
    if (m->is_dsn)
        printf("DSN: %s, original %s\n", m->dsn_action ? m->dsn_action : "?",
               m->dsn_original_id ? m->dsn_original_id : "?");
    printf("\n%s\n", m->body ? m->body : "");
    for (size_t i = 0; i < m->n_att; i++) {
        char *name = fname_clean(m->att[i].filename);
        printf("[attachment %zu] %s (%s, %zu bytes)\n", i + 1, name ? name : "-",
               m->att[i].content_type, m->att[i].size);
        free(name);
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: bureau parse FILE.eml|- [--json] [--isolated]\n"
                    "Decode one message and print it (no configuration, no database).\n");
}

int cmd_parse(struct cli *c)
{
    struct mime_limits lim;
    struct msg m;
    const char *path = NULL;
    char *raw = NULL, *cause = NULL;
    size_t len = 0;
    int json = c->json, isolated = 0, rc = EXIT_DATAERR_, rd;
    enum mime_result r;

    for (int i = 1; i < c->argc; i++) {
        if (strcmp(c->argv[i], "--json") == 0)
            json = 1;
        else if (strcmp(c->argv[i], "--isolated") == 0)
            isolated = 1;
        else if (strcmp(c->argv[i], "--help") == 0 || strcmp(c->argv[i], "-h") == 0)
            return usage(), EXIT_OK;
        else if (!path)
            path = c->argv[i];
        else
            return usage(), EXIT_USAGE_;
    }
    if (!path)
        return usage(), EXIT_USAGE_;
    mime_limits_default(&lim);
    rd = read_input(path, lim.max_message_size, &raw, &len, &cause);
    if (rd < 0) {
        fprintf(stderr, "bureau parse: %s: %s\n", path, cause ? cause : "cannot read");
        free(cause);
        return rd == -2 ? EXIT_DATAERR_ : PARSE_EXIT_NOINPUT;
    }
    msg_init(&m);
    r = isolated ? mime_parse_isolated(raw, len, &lim, &m, &cause)
                 : mime_parse(raw, len, &lim, &m, &cause);
    if (r == MIME_OK) {
        if (json)
            print_json(&m);
        else
            print_text(&m);
        rc = EXIT_OK;
    } else {
        fprintf(stderr, "bureau parse: %s: %s\n", path, cause ? cause : "rejected");
        rc = r == MIME_SYSERR ? EXIT_TEMPFAIL_ : EXIT_DATAERR_;
    }
    msg_free(&m);
    free(raw);
    free(cause);
    return rc;
}
