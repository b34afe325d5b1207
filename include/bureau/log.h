/* log.h — one line per event, with a level, to stderr or syslog. Never pass
 * secrets: callers log reasons, not credentials. */
#ifndef BUREAU_LOG_H
#define BUREAU_LOG_H

enum log_level { LOG_LV_DEBUG = 0, LOG_LV_INFO, LOG_LV_WARN, LOG_LV_ERROR };

void log_setup(const char *target, const char *level); /* NULLs keep defaults */
void log_msg(enum log_level lv, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_LV_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LV_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LV_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_LV_ERROR, __VA_ARGS__)

#endif
