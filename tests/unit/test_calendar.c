/* test_calendar.c — deadline arithmetic: weekends, holidays, the turn of the
 * year, leap years, month-end clamping, urgent and extended deadlines, DST,
 * and holiday-file errors with their positions. Expected dates were worked
 * out by hand (and checked with Python's datetime). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bureau/calendar.h"
#include "bureau/util.h"
#include "t.h"

static const char HOLIDAYS[] =
    "# test calendar\n"
    "01-01  New Year\n"
    "   01-11\tManifesto\n"
    "05-01  Labour Day\n"
    "\n"
    "2026-03-20  Eid al-Fitr (a Friday)\n"
    "2026-03-21  Eid al-Fitr, day 2 (Saturday)\r\n"
    "12-25";

static char tmpdir[64];

static char *write_tmp(const char *name, const char *text)
{
    char *path = xasprintf("%s/%s", tmpdir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(1);
    }
    fwrite(text, 1, strlen(text), f);
    fclose(f);
    return path;
}

/* Local time y-m-d h:mi as epoch, in the current TZ. */
static int64_t at(int y, int m, int d, int h, int mi)
{
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = m - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm);
}

static struct kind info = {"information-request", "Demande d'information", "طلب معلومات",
                           DL_WORKING_DAYS, 20, DL_DAYS, 3, 20};
static struct kind complaint = {"complaint", "Réclamation", "شكاية", DL_DAYS, 60, DL_NONE, 0, 0};
static struct kind petition = {"petition", "Pétition", "عريضة", DL_MONTHS, 3, DL_NONE, 0, 0};
static struct kind letter = {"correspondence", "Courrier", "مراسلة", DL_NONE, 0, DL_NONE, 0, 0};

static const char *due(const struct calendar *c, const struct kind *k, int urgent, int ext,
                       int64_t t)
{
    static char out[11];
    if (calendar_due(c, k, urgent, ext, t, out) < 0)
        return "(none)";
    return out;
}

static void test_working_days(const struct calendar *c)
{
    struct kind one = info;
    one.amount = 1;
    one.urgent_unit = DL_NONE;
    /* Thursday; Friday 20 is a holiday, then the weekend */
    CHECK_STR(due(c, &one, 0, 0, at(2026, 3, 19, 10, 0)), "2026-03-23");
    /* received on a Friday evening: the count starts the next day */
    CHECK_STR(due(c, &one, 0, 0, at(2026, 1, 9, 23, 59)), "2026-01-12");
    /* received on a Saturday */
    CHECK_STR(due(c, &one, 0, 0, at(2026, 1, 10, 9, 0)), "2026-01-12");
    CHECK_STR(due(c, &info, 0, 0, at(2026, 3, 2, 9, 0)), "2026-03-31");
    CHECK_STR(due(NULL, &info, 0, 0, at(2026, 3, 2, 9, 0)), "2026-03-30");
    /* 1 May on a Friday */
    one.amount = 5;
    CHECK_STR(due(c, &one, 0, 0, at(2026, 4, 27, 8, 0)), "2026-05-05");
    /* turn of the year: 31 Dec, 1 Jan holiday, 2 Jan, weekend, 5 Jan */
    one.amount = 3;
    CHECK_STR(due(c, &one, 0, 0, at(2025, 12, 30, 16, 0)), "2026-01-05");
    /* 25 Dec, 1 Jan and 11 Jan (a Monday) are holidays in the test file */
    one.amount = 10;
    CHECK_STR(due(c, &one, 0, 0, at(2026, 12, 24, 12, 0)), "2027-01-12");
    one.amount = 0;
    CHECK_STR(due(c, &one, 0, 0, at(2026, 3, 20, 12, 0)), "2026-03-20");
}

static void test_calendar_days_and_months(const struct calendar *c)
{
    CHECK_STR(due(c, &complaint, 0, 0, at(2026, 11, 22, 10, 5)), "2027-01-21");
    CHECK_STR(due(c, &complaint, 0, 0, at(2024, 1, 15, 0, 0)), "2024-03-15");  /* leap */
    CHECK_STR(due(c, &complaint, 0, 0, at(2023, 1, 15, 23, 59)), "2023-03-16");
    /* calendar days ignore weekends and holidays, urgent has no effect */
    CHECK_STR(due(c, &complaint, 1, 0, at(2026, 1, 30, 9, 0)), "2026-03-31");
    CHECK_STR(due(c, &complaint, 0, 1, at(2026, 1, 30, 9, 0)), "2026-03-31");
    CHECK_STR(due(c, &petition, 0, 0, at(2026, 2, 10, 9, 0)), "2026-05-10");
    CHECK_STR(due(c, &petition, 0, 0, at(2026, 11, 30, 9, 0)), "2027-02-28");  /* clamped */
    CHECK_STR(due(c, &petition, 0, 0, at(2023, 11, 30, 9, 0)), "2024-02-29");  /* leap clamp */
    CHECK_STR(due(c, &petition, 0, 0, at(2026, 8, 31, 9, 0)), "2026-11-30");
    CHECK_STR(due(c, &petition, 0, 0, at(2026, 12, 31, 9, 0)), "2027-03-31");
    struct kind one_month = petition;
    one_month.amount = 1;
    CHECK_STR(due(c, &one_month, 0, 0, at(2024, 1, 31, 9, 0)), "2024-02-29");
    CHECK_STR(due(c, &one_month, 0, 0, at(2025, 1, 31, 9, 0)), "2025-02-28");
    one_month.amount = 12;
    CHECK_STR(due(c, &one_month, 0, 0, at(2024, 2, 29, 9, 0)), "2025-02-28");
}

static void test_urgent_and_extension(const struct calendar *c)
{
    /* urgent: 3 calendar days */
    CHECK_STR(due(c, &info, 1, 0, at(2026, 3, 19, 10, 0)), "2026-03-22");
    /* extension: 20 + 20 working days */
    CHECK_STR(due(c, &info, 0, 1, at(2026, 3, 2, 9, 0)), "2026-04-28");
    /* an urgent deadline is not extended */
    CHECK_STR(due(c, &info, 1, 1, at(2026, 3, 19, 10, 0)), "2026-03-22");
    /* no urgent variant: the normal deadline */
    struct kind no_urgent = info;
    no_urgent.urgent_unit = DL_NONE;
    CHECK_STR(due(c, &no_urgent, 1, 0, at(2026, 3, 2, 9, 0)), "2026-03-31");
    /* a kind without extension is never extended */
    struct kind no_ext = info;
    no_ext.extension = 0;
    CHECK_STR(due(c, &no_ext, 0, 1, at(2026, 3, 2, 9, 0)), "2026-03-31");
    char out[11] = "x";
    CHECK(calendar_due(c, &letter, 0, 0, at(2026, 3, 2, 9, 0), out) == -1);
    CHECK_STR(out, "");
    CHECK(calendar_due(c, NULL, 0, 0, at(2026, 3, 2, 9, 0), out) == -1);
    struct kind absurd = complaint;
    absurd.amount = 1000000;
    CHECK(calendar_due(c, &absurd, 0, 0, at(2026, 3, 2, 9, 0), out) == -1);
}

static void test_is_working_day(const struct calendar *c)
{
    CHECK(calendar_is_working_day(c, 2026, 3, 19) == 1);
    CHECK(calendar_is_working_day(c, 2026, 3, 20) == 0);  /* dated holiday */
    CHECK(calendar_is_working_day(c, 2026, 3, 21) == 0);  /* Saturday */
    CHECK(calendar_is_working_day(c, 2026, 3, 22) == 0);  /* Sunday */
    CHECK(calendar_is_working_day(c, 2026, 3, 23) == 1);
    CHECK(calendar_is_working_day(c, 2027, 1, 1) == 0);   /* fixed, any year */
    CHECK(calendar_is_working_day(c, 2030, 12, 25) == 0); /* last line, no newline */
    CHECK(calendar_is_working_day(c, 2027, 3, 20) == 0);  /* a Saturday anyway */
    CHECK(calendar_is_working_day(c, 2025, 3, 20) == 1);  /* dated only in 2026 */
    CHECK(calendar_is_working_day(c, 2026, 2, 30) == 0);  /* not a date */
    CHECK(calendar_is_working_day(NULL, 2026, 1, 1) == 1);
}

/* Deadlines are local dates: a DST change must not move them. */
static void test_dst(const struct calendar *c)
{
    setenv("TZ", "Europe/Paris", 1);
    tzset();
    struct kind one = complaint;
    one.amount = 1;
    CHECK_STR(due(c, &one, 0, 0, at(2026, 3, 28, 23, 30)), "2026-03-29");
    CHECK_STR(due(c, &one, 0, 0, at(2026, 10, 24, 23, 30)), "2026-10-25");
    CHECK_STR(due(c, &info, 0, 0, at(2026, 3, 2, 0, 0)), "2026-03-31");
    setenv("TZ", "Africa/Casablanca", 1);
    tzset();
    CHECK_STR(due(c, &one, 0, 0, at(2026, 2, 14, 23, 59)), "2026-02-15");
    CHECK_STR(due(c, &complaint, 0, 0, at(2026, 2, 1, 0, 0)), "2026-04-02");
    setenv("TZ", "UTC", 1);
    tzset();
}

static void check_error(const char *name, const char *text, const char *want)
{
    char *path = write_tmp(name, text);
    struct calendar *c = (struct calendar *)1;
    char *cause = NULL;
    char *expect = xasprintf("%s:%s", path, want);
    CHECK(calendar_load(path, &c, &cause) == -1);
    CHECK(c == NULL);
    CHECK(cause && strstr(cause, expect) != NULL);
    if (!cause || !strstr(cause, expect))
        fprintf(stderr, "  cause: %s\n  wanted: %s\n", cause ? cause : "(null)", expect);
    free(expect);
    free(cause);
    unlink(path);
    free(path);
}

static void test_errors(void)
{
    check_error("e1.txt", "01-01 ok\n2026-13-01  bad month\n", "2:6: month out of range");
    check_error("e2.txt", "2026-02-29  not a leap year\n", "1:9: day out of range");
    check_error("e3.txt", "# c\n\n  1-1 x\n", "3:3: expected a date");
    check_error("e4.txt", "2026/01/01\n", "1:1: expected a date");
    check_error("e5.txt", "1850-01-01\n", "1:1: year out of range");
    check_error("e6.txt", "02-30\n", "1:4: day out of range");
    check_error("e7.txt", "2026-01-01x\n", "1:1: expected a date");
    check_error("e8.txt", "01-01 \xff\xfe\n", "1:1: invalid UTF-8");
    check_error("e9.txt", "01-01 a\x01\n", "1:8: control character");
    /* every error in one pass */
    check_error("e10.txt", "13-01\n01-01\n12-32\n", "3:4: day out of range");
    check_error("e11.txt", "13-01\n01-01\n12-32\n", "1:1: month out of range");
    char *cause = NULL;
    struct calendar *c = NULL;
    CHECK(calendar_load("/nonexistent/holidays.txt", &c, &cause) == -1);
    CHECK(cause != NULL);
    free(cause);
    cause = NULL;
    CHECK(calendar_load(NULL, &c, &cause) == 0 && c != NULL);
    CHECK(calendar_is_working_day(c, 2026, 1, 1) == 1);
    calendar_free(c);
}

/* The shipped data file must load and contain the fixed civil holidays. */
static void test_shipped_file(void)
{
    const char *src = getenv("BUREAU_SOURCE_DIR");
    char *path = xasprintf("%s/data/holidays-ma.txt", src ? src : BUREAU_SOURCE_DIR);
    struct calendar *c = NULL;
    char *cause = NULL;
    int rc = calendar_load(path, &c, &cause);
    CHECK(rc == 0);
    if (rc < 0)
        fprintf(stderr, "  %s\n", cause);
    if (rc == 0) {
        static const int fixed[][2] = {{1, 1}, {1, 11}, {1, 14}, {5, 1}, {7, 30},
                                       {8, 14}, {8, 20}, {8, 21}, {11, 6}, {11, 18}};
        for (size_t i = 0; i < BU_ARRAY_LEN(fixed); i++)
            for (int y = 2026; y <= 2032; y++)
                CHECK(calendar_is_working_day(c, y, fixed[i][0], fixed[i][1]) == 0);
        CHECK(calendar_is_working_day(c, 2026, 3, 19) == 1);
        /* Islamic holidays observed in Morocco (weekdays) */
        CHECK(calendar_is_working_day(c, 2024, 4, 10) == 0);
        CHECK(calendar_is_working_day(c, 2024, 6, 17) == 0);
        CHECK(calendar_is_working_day(c, 2025, 3, 31) == 0);
        CHECK(calendar_is_working_day(c, 2025, 4, 1) == 0);
        CHECK(calendar_is_working_day(c, 2025, 4, 2) == 1);
        /* every year up to 2030 has dated holidays beyond weekends and fixed ones */
        for (int y = 2024; y <= 2030; y++) {
            int n = 0;
            for (int m = 1; m <= 12; m++)
                for (int d = 1; d <= 31; d++) {
                    int wkday = calendar_is_working_day(NULL, y, m, d);
                    int fixed_day = 0;
                    for (size_t i = 0; i < BU_ARRAY_LEN(fixed); i++)
                        fixed_day |= fixed[i][0] == m && fixed[i][1] == d;
                    n += wkday && !fixed_day && !calendar_is_working_day(c, y, m, d);
                }
            CHECK(n >= 3);
        }
    }
    calendar_free(c);
    free(cause);
    free(path);
}

int main(void)
{
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_calendar.XXXXXX");
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    setenv("TZ", "UTC", 1);
    tzset();
    char *path = write_tmp("holidays.txt", HOLIDAYS);
    struct calendar *c = NULL;
    char *cause = NULL;
    if (calendar_load(path, &c, &cause) < 0) {
        fprintf(stderr, "load: %s\n", cause);
        return 1;
    }
    test_working_days(c);
    test_calendar_days_and_months(c);
    test_urgent_and_extension(c);
    test_is_working_day(c);
    test_dst(c);
    test_errors();
    test_shipped_file();
    calendar_free(c);
    unlink(path);
    free(path);
    rmdir(tmpdir);
    T_END();
}
