/* test_compose.c — addresses, RFC 2047, quoted-printable, whole messages,
 * and the templates engine (with the shipped templates). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bureau/compose.h"
#include "bureau/templates.h"
#include "bureau/util.h"
#include "t.h"

static void test_addresses(void)
{
    CHECK(compose_addr_valid("citoyen@example.ma"));
    CHECK(compose_addr_valid("a.b+tag@sub.example-x.org"));
    CHECK(!compose_addr_valid("a@b.c\r\nRCPT TO:<x@evil.example>"));
    CHECK(!compose_addr_valid("a@b.c\n"));
    CHECK(!compose_addr_valid("a b@c.ma"));
    CHECK(!compose_addr_valid("<a@b.ma>"));
    CHECK(!compose_addr_valid("a@b"));
    CHECK(!compose_addr_valid("a..b@c.ma"));
    CHECK(!compose_addr_valid(".a@c.ma"));
    CHECK(!compose_addr_valid("a@-c.ma"));
    CHECK(!compose_addr_valid("a@b@c.ma"));
    CHECK(!compose_addr_valid("\xd8\xa7@c.ma"));
    CHECK(!compose_addr_valid("a,b@c.ma"));
    CHECK(!compose_addr_valid(""));
    CHECK(!compose_addr_valid(NULL));
    CHECK(compose_msgid_valid("abc.123@host.ma"));
    CHECK(!compose_msgid_valid("abc 123@host.ma"));
    CHECK(!compose_msgid_valid("abc>\r\nBcc: x@y"));
    CHECK(!compose_msgid_valid("nohost"));
}

static int lines_ok(const char *s, size_t n, size_t max)
{
    size_t line = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 128 || c == 0)
            return 0;
        if (c == '\n') {
            if (i == 0 || s[i - 1] != '\r')
                return 0;
            line = 0;
            continue;
        }
        if (c == '\r' && (i + 1 == n || s[i + 1] != '\n'))
            return 0;
        if (c != '\r' && ++line > max)
            return 0;
    }
    return 1;
}

static void test_encodings(void)
{
    struct buf b;
    const char *ar = "[BO 2026/000123] شكاية بخصوص الأزبال في حي السلام — réclamation très longue "
                     "pour voir le pliage des lignes encodées";
    buf_init(&b, 1 << 20);
    CHECK(compose_encode_header(&b, ar, 9) == 0);
    CHECK(strstr(b.data, "=?UTF-8?B?") == b.data);
    CHECK(lines_ok(b.data, b.len, 76));
    CHECK(strcspn(b.data, "\r") + 9 <= 76);
    CHECK(strstr(b.data, "\r\n ") != NULL);
    buf_reset(&b);
    CHECK(compose_encode_header(&b, "Hello =?x?Q?y?=", 9) == 0);
    CHECK(strstr(b.data, "=?UTF-8?B?") == b.data);
    buf_reset(&b);
    CHECK(compose_encode_header(&b, "Plain subject", 9) == 0);
    CHECK_STR(b.data, "Plain subject");
    buf_reset(&b);
    const char *qp_in = "ligne avec espace \nالعربية=\r\n.\n";
    CHECK(compose_qp(&b, qp_in, strlen(qp_in)) == 0);
    CHECK(strstr(b.data, "espace=20\r\n") != NULL);
    CHECK(strstr(b.data, "=D8=A7") != NULL);
    CHECK(strstr(b.data, "=3D\r\n") != NULL);
    CHECK(lines_ok(b.data, b.len, 76));
    buf_reset(&b);
    char longline[400];
    memset(longline, 'x', sizeof longline);
    CHECK(compose_qp(&b, longline, sizeof longline) == 0);
    CHECK(lines_ok(b.data, b.len, 76));
    buf_reset(&b);
    CHECK(compose_mailbox(&b, "Ahmed \"the\" Benali", "a@b.ma") == 0);
    CHECK_STR(b.data, "\"Ahmed \\\"the\\\" Benali\" <a@b.ma>");
    buf_reset(&b);
    CHECK(compose_mailbox(&b, "أحمد", "a@b.ma") == 0);
    CHECK_STR(b.data, "=?UTF-8?B?2KPYrdmF2K8=?= <a@b.ma>");
    buf_reset(&b);
    CHECK(compose_base64(&b, "hello", 5) == 0);
    CHECK_STR(b.data, "aGVsbG8=\r\n");
    buf_free(&b);
    char *c = compose_header_clean("a\r\nBcc: x\x01\xc2\x85y", 100);
    CHECK(!str_has_ctl(c, 0) && strstr(c, "Bcc") != NULL && !strstr(c, "\xc2\x85"));
    free(c);
    char *id = compose_message_id("bo@commune.ma"), *id2 = compose_message_id("bo@commune.ma");
    CHECK(compose_msgid_valid(id) && strstr(id, "@commune.ma") && strcmp(id, id2) != 0);
    free(id);
    free(id2);
}

static void test_build(void)
{
    const char *orig7 = "From: a@b.ma\nSubject: hi\n\nbody\n.\n";
    const char *orig8 = "From: a@b.ma\r\nSubject: \xd8\xa7\r\n\r\n\xd8\xa7\r\n";
    struct compose_input in = {
        .from_addr = "bo@commune.ma", .from_name = "Bureau d'ordre — مكتب الضبط",
        .to_addr = "citoyen@example.ma", .to_name = "أحمد",
        .subject = "[BO 2026/000001] إشعار بالتوصل", .text = "نص\nTexte français\n",
        .html = "<p dir=\"rtl\">نص</p>", .in_reply_to = "orig.1@example.ma",
        .references = "a.0@example.ma orig.1@example.ma bad>id", .auto_submitted = "auto-replied",
        .attach = orig7, .attach_len = strlen(orig7), .attach_name = "2026-000001.eml",
    };
    char *out = NULL, *mid = NULL, *cause = NULL;
    size_t len = 0;
    CHECK(compose_build(&in, &out, &len, &mid, &cause) == 0);
    if (out) {
        CHECK(lines_ok(out, len, 998));
        CHECK(strstr(out, "\r\nAuto-Submitted: auto-replied\r\n") != NULL);
        CHECK(strstr(out, "\r\nIn-Reply-To: <orig.1@example.ma>\r\n") != NULL);
        CHECK(strstr(out, "References: <a.0@example.ma>\r\n <orig.1@example.ma>\r\n") != NULL);
        CHECK(strstr(out, "bad>id") == NULL);
        CHECK(strstr(out, "Content-Type: message/rfc822") != NULL);
        CHECK(strstr(out, "multipart/alternative") != NULL);
        CHECK(strstr(out, mid) != NULL && strstr(mid, "@commune.ma"));
        CHECK(strncmp(out, "Date: ", 6) == 0);
    }
    free(out);
    free(mid);
    in.attach = orig8;
    in.attach_len = strlen(orig8);
    CHECK(compose_build(&in, &out, &len, &mid, &cause) == 0);
    CHECK(out && strstr(out, "application/octet-stream") && lines_ok(out, len, 998));
    free(out);
    free(mid);
    in.subject = "ok\r\nBcc: victim@example.ma";
    CHECK(compose_build(&in, &out, &len, &mid, &cause) == -1);
    CHECK(cause && strstr(cause, "subject"));
    free(cause);
    cause = NULL;
    in.subject = "ok";
    in.to_addr = "x@y.ma\r\nRCPT TO:<v@e.ma>";
    CHECK(compose_build(&in, &out, &len, &mid, &cause) == -1);
    free(cause);
    cause = NULL;
    in.to_addr = "x@y.ma";
    in.to_name = "Name\nBcc: v@e.ma";
    CHECK(compose_build(&in, &out, &len, &mid, &cause) == -1);
    free(cause);
}

static void test_shipped_templates(void)
{
    const char *src = getenv("BUREAU_SOURCE_DIR");
    char *dir = xasprintf("%s/templates", src ? src : ".");
    struct templates *t = NULL;
    char *cause = NULL;
    CHECK(templates_load(dir, &t, &cause) == 0);
    if (cause)
        fprintf(stderr, "%s\n", cause);
    free(cause);
    cause = NULL;
    free(dir);
    if (!t)
        return;
    CHECK(templates_has(t, "ack") && templates_has(t, "digest"));
    struct tvar vars[] = {{"tag", "[BO 2026/000007]"}, {"number", "2026/000007"},
                          {"sender_name", "<script>x</script>"}, {"due_date", NULL},
                          {"subject", "Réclamation"}};
    struct rendered r;
    CHECK(templates_render(t, "ack", vars, BU_ARRAY_LEN(vars), &r, &cause) == 0);
    CHECK(r.subject && strncmp(r.subject, "[BO 2026/000007] ", 17) == 0);
    CHECK(r.subject && !strchr(r.subject, '\n'));
    CHECK(r.html && strstr(r.html, "&lt;script&gt;") && !strstr(r.html, "<script>"));
    CHECK(r.html && strstr(r.html, "dir=\"rtl\" lang=\"ar\""));
    CHECK(r.text && strstr(r.text, "<script>x</script>"));
    CHECK(r.text && !strstr(r.text, "Délai légal"));
    CHECK(r.text && strstr(r.text, "09-08"));
    rendered_free(&r);
    templates_free(t);
}

static char *write_tmp(const char *dir, const char *name, const char *body)
{
    char *p = xasprintf("%s/%s", dir, name);
    CHECK(file_write_atomic(p, body, strlen(body), 0644, NULL) == 0);
    return p;
}

static void test_broken_templates(void)
{
    char tmpl[] = "/tmp/bureau-tmpl-XXXXXX";
    char *dir = mkdtemp(tmpl), *cause = NULL;
    struct templates *t = NULL;
    CHECK(dir != NULL);
    if (!dir)
        return;
    const char *names[] = {"ack.tmpl", "routed.tmpl", "status.tmpl", "followup.tmpl",
                           "other.tmpl"};
    const char *bodies[] = {"[subject]\n{{tag}}\n[text]\nHello {{nmber}}\n",
                            "[subject]\nx\n[text]\n{{#urgent}}open\n",
                            "[subject]\nx\n[text]\n{{note\n",
                            "[subject]\nx\n[text]\nok {{followup_from}}\n",
                            "[subject]\n{{anything}}\n[text]\n{{#x}}y{{/x}}\n"};
    char *paths[5];
    for (int i = 0; i < 5; i++)
        paths[i] = write_tmp(dir, names[i], bodies[i]);
    CHECK(templates_load(dir, &t, &cause) == -1);
    CHECK(cause && strstr(cause, "ack.tmpl:4:7: unknown variable 'nmber'"));
    CHECK(cause && strstr(cause, "routed.tmpl:") && strstr(cause, "unclosed"));
    CHECK(cause && strstr(cause, "status.tmpl:4:1: unclosed {{"));
    CHECK(cause && !strstr(cause, "followup.tmpl"));
    if (cause)
        fprintf(stderr, "(expected diagnostics)\n%s", cause);
    free(cause);
    cause = NULL;
    free(write_tmp(dir, "ack.tmpl", "[subject]\n{{tag}}\n[text]\nHello {{number}}\n"));
    free(write_tmp(dir, "routed.tmpl", "[subject]\nx\n[text]\n{{#urgent}}open{{/urgent}}\n"));
    free(write_tmp(dir, "status.tmpl", "[subject]\nx\n[text]\n{{note}}\n"));
    CHECK(templates_load(dir, &t, &cause) == 0);
    struct rendered r;
    struct tvar v[] = {{"x", "1"}};
    CHECK(templates_render(t, "other", v, 1, &r, &cause) == -1);
    CHECK(cause && strstr(cause, "anything"));
    free(cause);
    templates_free(t);
    for (int i = 0; i < 5; i++) {
        unlink(paths[i]);
        free(paths[i]);
    }
    rmdir(dir);
}

int main(void)
{
    test_addresses();
    test_encodings();
    test_build();
    test_shipped_templates();
    test_broken_templates();
    T_END();
}
