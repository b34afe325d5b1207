/* log.c — see log.h */
#include "bureau/log.h"
#include "bureau/term.h"

#include <stdatomic.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>
#include <time.h>

static atomic_int min_level = LOG_LV_INFO; /* set on SIGHUP while threads log */
static atomic_int use_syslog;

void log_setup(const char *target, const char *level)
{
    if (target && strcmp(target, "syslog") == 0) {
        use_syslog = 1;
        openlog("bureau", LOG_PID, LOG_MAIL);
    } else if (target) {
        use_syslog = 0;
    }
    if (!level)
        return;
    if (strcmp(level, "debug") == 0)
        min_level = LOG_LV_DEBUG;
    else if (strcmp(level, "info") == 0)
        min_level = LOG_LV_INFO;
    else if (strcmp(level, "warn") == 0)
        min_level = LOG_LV_WARN;
    else if (strcmp(level, "error") == 0)
        min_level = LOG_LV_ERROR;
}

void log_msg(enum log_level lv, const char *fmt, ...)
{
    static const char *names[] = {"debug", "info", "warn", "error"};
    static const int prio[] = {LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERR};
    if ((int)lv < atomic_load(&min_level))
        return;
    char line[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    /* one event, one line: fold any newline a reason may carry; other
     * controls are made visible (term.h) */
    for (char *p = line; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    char *clean = term_strdup(line);
    if (use_syslog) {
        syslog(prio[lv], "%s", clean);
        free(clean);
        return;
    }
    char ts[32];
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
    fprintf(stderr, "%s bureau[%s] %s\n", ts, names[lv], clean);
    free(clean);
}
