/* calendar.c — see calendar.h. Dates are handled as day numbers (days since
 * 1970-01-01 in the proleptic Gregorian calendar), never as seconds, so a
 * DST change or a time zone cannot move a deadline. */
#include "bureau/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bureau/util.h"

#define CAL_MAX_FILE (1024 * 1024)   /* holiday file size */
#define CAL_MAX_LINE 1024            /* bytes per line */
#define CAL_MAX_DATED 20000          /* dated holidays */
#define CAL_MAX_ERRORS 50            /* errors reported before giving up */
#define CAL_MAX_AMOUNT 3660          /* largest deadline amount accepted */
#define CAL_MAX_SCAN 40000           /* days scanned for working days */
#define CAL_MAX_COUNT 3700           /* days apart counted by calendar_working_days */
#define CAL_MIN_YEAR 1900
#define CAL_MAX_YEAR 2200

struct calendar {
    unsigned char fixed[13][32];     /* [month][day] recurring every year */
    int64_t *dated;                  /* sorted day numbers */
    size_t n_dated;
    size_t cap_dated;
};

static int is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
    static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && is_leap(y))
        return 29;
    return dm[m - 1];
}

/* H. Hinnant's days_from_civil / civil_from_days. */
int64_t days_from_civil(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void civil_from_days(int64_t z, int *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 0 = Sunday ... 6 = Saturday */
static int weekday(int64_t z)
{
    return (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

static int valid_ymd(int y, int m, int d)
{
    return y >= CAL_MIN_YEAR && y <= CAL_MAX_YEAR && m >= 1 && m <= 12 && d >= 1 &&
           d <= days_in_month(y, m);
}

/* --- loading ------------------------------------------------------------ */

struct loader {
    const char *path;
    struct calendar *cal;
    struct buf errors;
    int n_errors;
};

static void load_error(struct loader *ld, int line, int col, const char *msg)
{
    ld->n_errors++;
    if (ld->n_errors > CAL_MAX_ERRORS)
        return;
    if (ld->errors.len)
        buf_putc(&ld->errors, '\n');
    buf_printf(&ld->errors, "%s:%d:%d: %s", ld->path, line, col, msg);
    if (ld->n_errors == CAL_MAX_ERRORS)
        buf_printf(&ld->errors, "\n%s:%d:%d: too many errors, giving up", ld->path, line, col);
}

/* Reads exactly n digits at s; -1 if any is not a digit. */
static int read_digits(const char *s, size_t len, size_t n)
{
    int v = 0;
    if (len < n)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static void add_dated(struct calendar *cal, int64_t day)
{
    if (cal->n_dated == cal->cap_dated) {
        cal->cap_dated = cal->cap_dated ? cal->cap_dated * 2 : 64;
        cal->dated = xrealloc(cal->dated, cal->cap_dated * sizeof *cal->dated);
    }
    cal->dated[cal->n_dated++] = day;
}

static int is_blank(char ch)
{
    return ch == ' ' || ch == '\t';
}

/* Parses the date token at s (len bytes, up to the end of the line). */
static void parse_date_token(struct loader *ld, int lineno, int col, const char *s, size_t len)
{
    size_t tok = 0;
    while (tok < len && !is_blank(s[tok]))
        tok++;
    int y = 2000, m, d;
    int fixed = tok == 5;
    if (tok == 10) {
        y = read_digits(s, tok, 4);
        if (y < 0 || s[4] != '-') {
            load_error(ld, lineno, col, "expected a date YYYY-MM-DD or MM-DD");
            return;
        }
        s += 5;
        col += 5;
    } else if (!fixed) {
        load_error(ld, lineno, col, "expected a date YYYY-MM-DD or MM-DD");
        return;
    }
    m = read_digits(s, 2, 2);
    d = s[2] == '-' ? read_digits(s + 3, 2, 2) : -1;
    if (m < 0 || d < 0) {
        load_error(ld, lineno, col, "expected a date YYYY-MM-DD or MM-DD");
        return;
    }
    if (!fixed && (y < CAL_MIN_YEAR || y > CAL_MAX_YEAR)) {
        load_error(ld, lineno, col - 5, "year out of range (1900-2200)");
        return;
    }
    if (m < 1 || m > 12) {
        load_error(ld, lineno, col, "month out of range (01-12)");
        return;
    }
    if (d < 1 || d > days_in_month(fixed ? 2000 : y, m)) {
        load_error(ld, lineno, col + 3, "day out of range for this month");
        return;
    }
    if (fixed) {
        ld->cal->fixed[m][d] = 1;
    } else if (ld->cal->n_dated >= CAL_MAX_DATED) {
        load_error(ld, lineno, col - 5, "too many dated holidays");
    } else {
        add_dated(ld->cal, days_from_civil(y, m, d));
    }
}

static void parse_line(struct loader *ld, int lineno, const char *s, size_t len)
{
    size_t i = 0;
    if (len > CAL_MAX_LINE) {
        load_error(ld, lineno, CAL_MAX_LINE + 1, "line too long");
        return;
    }
    if (len && s[len - 1] == '\r')
        len--;
    for (size_t k = 0; k < len; k++) {
        if ((unsigned char)s[k] < 0x20 && s[k] != '\t') {
            load_error(ld, lineno, (int)k + 1, "control character");
            return;
        }
    }
    if (!utf8_valid(s, len)) {
        load_error(ld, lineno, 1, "invalid UTF-8");
        return;
    }
    while (i < len && is_blank(s[i]))
        i++;
    if (i == len || s[i] == '#')
        return;
    parse_date_token(ld, lineno, (int)i + 1, s + i, len - i);
}

static int cmp_day(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

int calendar_load(const char *path, struct calendar **out, char **cause)
{
    char *data = NULL;
    size_t len = 0;
    struct calendar *cal = xcalloc(1, sizeof *cal);
    struct loader ld = {path, cal, {0}, 0};
    *out = NULL;
    if (!path) {
        *out = cal;
        return 0;
    }
    if (file_read_all(path, CAL_MAX_FILE, &data, &len, cause) < 0)
        goto fail;
    buf_init(&ld.errors, 64 * 1024);
    int lineno = 1;
    for (size_t start = 0; start < len; lineno++) {
        const char *nl = memchr(data + start, '\n', len - start);
        size_t end = nl ? (size_t)(nl - data) : len;
        parse_line(&ld, lineno, data + start, end - start);
        start = end + 1;
    }
    if (ld.n_errors) {
        set_cause(cause, "%s", ld.errors.data);
        goto fail;
    }
    qsort(cal->dated, cal->n_dated, sizeof *cal->dated, cmp_day);
    buf_free(&ld.errors);
    free(data);
    *out = cal;
    return 0;
fail:
    buf_free(&ld.errors);
    free(data);
    calendar_free(cal);
    return -1;
}

void calendar_free(struct calendar *c)
{
    if (!c)
        return;
    free(c->dated);
    free(c);
}

/* --- queries ------------------------------------------------------------- */

static int is_holiday(const struct calendar *c, int64_t day)
{
    int y, m, d;
    if (!c)
        return 0;
    civil_from_days(day, &y, &m, &d);
    if (c->fixed[m][d])
        return 1;
    return c->n_dated && bsearch(&day, c->dated, c->n_dated, sizeof day, cmp_day) != NULL;
}

static int working_day(const struct calendar *c, int64_t day)
{
    int wd = weekday(day);
    return wd != 0 && wd != 6 && !is_holiday(c, day);
}

int calendar_is_working_day(const struct calendar *c, int y, int m, int d)
{
    if (!valid_ymd(y, m, d))
        return 0;
    return working_day(c, days_from_civil(y, m, d));
}

int64_t calendar_working_days(const struct calendar *c, int64_t from, int64_t to)
{
    int64_t lo = from < to ? from : to, hi = from < to ? to : from, n = 0;
    if (hi - lo > CAL_MAX_COUNT)
        hi = lo + CAL_MAX_COUNT;
    for (int64_t d = lo + 1; d <= hi; d++)
        n += working_day(c, d);
    return from <= to ? n : -n;
}

static int add_working_days(const struct calendar *c, int64_t day, int n, int64_t *out)
{
    int scanned = 0;
    while (n > 0) {
        if (++scanned > CAL_MAX_SCAN)
            return -1;
        day++;
        if (working_day(c, day))
            n--;
    }
    *out = day;
    return 0;
}

static int64_t add_months(int y, int m, int d, int n)
{
    int64_t idx = (int64_t)y * 12 + (m - 1) + n;
    int ny = (int)(idx / 12), nm = (int)(idx % 12) + 1;
    int dim = days_in_month(ny, nm);
    return days_from_civil(ny, nm, d > dim ? dim : d);
}

int calendar_due(const struct calendar *c, const struct kind *k, int urgent, int extended,
                 int64_t t, char out[11])
{
    enum deadline_unit unit;
    int amount;
    int64_t due;
    struct tm tm;
    time_t tt = (time_t)t;
    out[0] = '\0';
    if (!k)
        return -1;
    unit = k->unit;
    amount = k->amount;
    if (urgent && k->urgent_unit != DL_NONE) {
        unit = k->urgent_unit;
        amount = k->urgent_amount;
    } else if (extended && k->extension > 0) {
        amount += k->extension;
    }
    if (unit == DL_NONE || amount < 0 || amount > CAL_MAX_AMOUNT || !localtime_r(&tt, &tm))
        return -1;
    int y = tm.tm_year + 1900, m = tm.tm_mon + 1, d = tm.tm_mday;
    if (!valid_ymd(y, m, d))
        return -1;
    int64_t start = days_from_civil(y, m, d);
    switch (unit) {
    case DL_DAYS:
        due = start + amount;
        break;
    case DL_WORKING_DAYS:
        if (add_working_days(c, start, amount, &due) < 0)
            return -1;
        break;
    case DL_MONTHS:
        due = add_months(y, m, d, amount);
        break;
    default:
        return -1;
    }
    civil_from_days(due, &y, &m, &d);
    snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
    return 0;
}

/* --- day numbers (calendar.h) ------------------------------------------------- */

/* Strict "YYYY-MM-DD" (a real date) to a day number. */
int calendar_parse_day(const char *s, int64_t *day)
{
    int v[3] = {0, 0, 0};
    static const int len[3] = {4, 2, 2};
    const char *p = s;
    if (!s || strlen(s) != 10)
        return -1;
    for (int f = 0; f < 3; f++, p++) {
        for (int i = 0; i < len[f]; i++, p++) {
            if (*p < '0' || *p > '9')
                return -1;
            v[f] = v[f] * 10 + (*p - '0');
        }
        if (f < 2 && *p != '-')
            return -1;
    }
    int y, m, d;
    if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[0] < 1)
        return -1;
    *day = days_from_civil(v[0], v[1], v[2]);
    civil_from_days(*day, &y, &m, &d);
    return d == v[2] ? 0 : -1;
}

void calendar_fmt_day(int64_t day, char out[11])
{
    int y, m, d;
    civil_from_days(day, &y, &m, &d);
    if (y < 0 || y > 9999)
        y = 0;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
}

int64_t calendar_local_day(int64_t t)
{
    time_t tt = (time_t)t;
    struct tm tm;
    if (!localtime_r(&tt, &tm))
        return 0;
    return days_from_civil(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}
