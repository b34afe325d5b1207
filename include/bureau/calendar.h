/* calendar.h — legal deadlines: calendar days, Moroccan working days
 * (Monday to Friday, minus holidays from a data file) and months. */
#ifndef BUREAU_CALENDAR_H
#define BUREAU_CALENDAR_H

#include <stdint.h>
#include "bureau/rules.h"

struct calendar;

/* Load holidays from a file (lines "YYYY-MM-DD  name", "MM-DD  name" for
 * fixed yearly dates, '#' comments). path NULL = weekends only.
 * Errors as file:line:col: message in *cause. */
int calendar_load(const char *path, struct calendar **out, char **cause);
void calendar_free(struct calendar *c);
int calendar_is_working_day(const struct calendar *c, int y, int m, int d);

/* Due date (YYYY-MM-DD) of an item of kind k received at epoch t (local
 * time); urgent selects the kind's urgent variant when it has one; extended
 * adds the kind's extension once. Returns 0, or -1 when the kind has no
 * deadline (out is then ""). */
int calendar_due(const struct calendar *c, const struct kind *k, int urgent, int extended,
                 int64_t t, char out[11]);

/* The working days after day `from` up to and including day `to` (day
 * numbers, below), or minus those after `to` up to `from` when to < from:
 * the working days left before a deadline, negative when it is past.
 * Dates more than ten years apart count as ten years. */
int64_t calendar_working_days(const struct calendar *c, int64_t from, int64_t to);

/* Day number (days since 1970-01-01) of a proleptic Gregorian date, and
 * back. Pure arithmetic: no time zone, no daylight saving. */
int64_t days_from_civil(int y, int m, int d);
void civil_from_days(int64_t z, int *y, int *m, int *d);
/* Strict "YYYY-MM-DD" (a real date) to a day number: 0, or -1. */
int calendar_parse_day(const char *s, int64_t *day);
/* A day number as "YYYY-MM-DD". */
void calendar_fmt_day(int64_t day, char out[11]);
/* The local day of epoch t (0 when localtime fails). */
int64_t calendar_local_day(int64_t t);

#endif
