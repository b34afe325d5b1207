/* rules_good.c — the last good rules kept next to the database (see
 * rules_good.h). The file:
 *
 *   bureau last good rules 1
 *   path RULES-PATH
 *   recorded EPOCH
 *   by ACTOR
 *   file NAME-LENGTH TEXT-LENGTH      (one per rule file, in load order)
 *   NAMETEXT
 *   sha256 HEX                        (of the file records above)
 */
#include "bureau/rules_good.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bureau/util.h"

#define GOOD_MAGIC "bureau last good rules 1\n"
#define GOOD_MAX (64u * 1024 * 1024)
#define GOOD_MAX_FILES 1024

char *rules_good_file(const char *db_path)
{
    return xasprintf("%s.last-good-rules", db_path);
}

/* The file records of src into b; -1 when they pass GOOD_MAX. */
static int put_records(const struct rules_srcs *src, struct buf *b)
{
    for (size_t i = 0; i < src->n; i++) {
        const struct rules_src *f = &src->v[i];
        if (buf_printf(b, "file %zu %zu\n", strlen(f->name), f->len) < 0 ||
            buf_puts(b, f->name) < 0 || buf_append(b, f->data ? f->data : "", f->len) < 0 ||
            buf_putc(b, '\n') < 0)
            return -1;
    }
    return 0;
}

void rules_good_free(struct rules_good *g)
{
    rules_srcs_free(&g->src);
    free(g->path);
    free(g->by);
    memset(g, 0, sizeof *g);
}

/* "KEY VALUE\n" at *p: the value (malloc'd), *p moved past it; NULL when
 * the line is not there. */
static char *take_field(const char **p, const char *end, const char *key)
{
    size_t k = strlen(key);
    const char *nl = memchr(*p, '\n', (size_t)(end - *p));
    if (!nl || (size_t)(nl - *p) <= k || memcmp(*p, key, k) != 0 || (*p)[k] != ' ')
        return NULL;
    char *v = xstrndup(*p + k + 1, (size_t)(nl - *p) - k - 1);
    *p = nl + 1;
    return v;
}

/* One "file N M\nNAMETEXT\n" record at *p into g. */
static int take_record(const char **p, const char *end, struct rules_good *g)
{
    char *sizes = take_field(p, end, "file");
    char *sp = sizes ? strchr(sizes, ' ') : NULL;
    uint64_t n1 = 0, n2 = 0;
    if (sp)
        *sp = '\0';
    int ok = sp && parse_u64(sizes, &n1) == 0 && parse_u64(sp + 1, &n2) == 0 && n1 <= 4096 &&
             n2 <= GOOD_MAX;
    free(sizes);
    size_t nl = (size_t)n1, tl = (size_t)n2;
    if (!ok || nl == 0 || nl > 4096 || tl > GOOD_MAX || (size_t)(end - *p) < nl + tl + 1 ||
        (*p)[nl + tl] != '\n' || g->src.n >= GOOD_MAX_FILES)
        return -1;
    g->src.v = xrealloc(g->src.v, (g->src.n + 1) * sizeof *g->src.v);
    struct rules_src *f = &g->src.v[g->src.n++];
    memset(f, 0, sizeof *f);
    f->name = xstrndup(*p, nl);
    f->data = xmalloc(tl + 1);
    memcpy(f->data, *p + nl, tl);
    f->data[tl] = '\0';
    f->len = tl;
    *p += nl + tl + 1;
    return 0;
}

static int parse_good(const char *data, size_t n, struct rules_good *g)
{
    const char *p = data, *end = data + n;
    size_t m = strlen(GOOD_MAGIC);
    if (n < m || memcmp(p, GOOD_MAGIC, m) != 0)
        return -1;
    p += m;
    g->path = take_field(&p, end, "path");
    char *when = take_field(&p, end, "recorded");
    g->by = take_field(&p, end, "by");
    if (when)
        g->recorded_at = strtoll(when, NULL, 10);
    free(when);
    if (!g->path || !g->by)
        return -1;
    const char *records = p;
    while (end - p > 5 && memcmp(p, "file ", 5) == 0)
        if (take_record(&p, end, g) < 0)
            return -1;
    size_t rlen = (size_t)(p - records);
    char *sum = take_field(&p, end, "sha256");
    sha256_hex(records, rlen, g->sha256);
    int ok = sum && p == end && g->src.n > 0 && strcmp(sum, g->sha256) == 0;
    free(sum);
    return ok ? 0 : -1;
}

int rules_good_read(const char *file, struct rules_good *out, char **cause)
{
    char *data = NULL;
    size_t n = 0;
    memset(out, 0, sizeof *out);
    FILE *f = fopen(file, "rb");
    if (!f) {
        if (errno == ENOENT)
            return 1;
        set_cause(cause, "%s: %s", file, strerror(errno));
        return -1;
    }
    fclose(f);
    if (file_read_all(file, GOOD_MAX, &data, &n, cause) < 0)
        return -1;
    int rc = parse_good(data, n, out);
    free(data);
    if (rc < 0) {
        rules_good_free(out);
        set_cause(cause, "%s: damaged (not a whole copy of rules that loaded)", file);
    }
    return rc;
}

/* The SHA-256 of the copy already kept, or "" when there is none. */
static void kept_sha(const char *file, char out[65])
{
    struct rules_good g;
    char *cause = NULL;
    out[0] = '\0';
    if (rules_good_read(file, &g, &cause) == 0)
        memcpy(out, g.sha256, 65);
    rules_good_free(&g);
    free(cause);
}

int rules_good_save(const char *file, const struct rules_srcs *src, const char *rules_path,
                    const char *actor, int *written, char **cause)
{
    struct buf rec, all;
    char sha[65], kept[65];
    int rc = -1;
    if (written)
        *written = 0;
    if (str_has_ctl(rules_path, 0) || str_has_ctl(actor, 0)) {
        set_cause(cause, "%s: the rules path or the clerk name has a control character", file);
        return -1;
    }
    buf_init(&rec, GOOD_MAX);
    buf_init(&all, GOOD_MAX);
    if (put_records(src, &rec) < 0) {
        set_cause(cause, "%s: the rules are larger than %u bytes", file, GOOD_MAX);
        goto out;
    }
    sha256_hex(rec.data ? rec.data : "", rec.len, sha);
    kept_sha(file, kept);
    if (strcmp(sha, kept) == 0) {
        rc = 0;
        goto out;
    }
    if (buf_printf(&all, "%spath %s\nrecorded %" PRId64 "\nby %s\n", GOOD_MAGIC, rules_path,
                   now_epoch(), actor) < 0 ||
        buf_append(&all, rec.data ? rec.data : "", rec.len) < 0 ||
        buf_printf(&all, "sha256 %s\n", sha) < 0) {
        set_cause(cause, "%s: the rules are larger than %u bytes", file, GOOD_MAX);
        goto out;
    }
    /* 0640 whatever the umask: serve reads what a clerk's command kept */
    rc = file_write_atomic(file, all.data, all.len, 0640, cause);
    if (rc == 0)
        (void)chmod(file, 0640);
    if (rc == 0 && written)
        *written = 1;
out:
    buf_free(&rec);
    buf_free(&all);
    return rc;
}
