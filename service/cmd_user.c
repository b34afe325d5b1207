/* cmd_user.c — `bureau user add|list|passwd|disable|enable|role`: the
 * console's accounts (account.h). A password is read from the terminal
 * without echo (twice), else from --password-file or from stdin (first
 * line); never from the command line, where `ps` would show it. Every
 * change is recorded in account_events under the clerk name (--as). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "bureau/account.h"
#include "bureau/args.h"
#include "bureau/cli.h"
#include "bureau/json.h"
#include "bureau/util.h"

#define PW_BUF (ACCOUNT_PASSWORD_MAX + 2) /* one byte more than allowed: "too long" */
#define LIST_OUT_MAX (16u * 1024 * 1024)

/* --- reading a password ---------------------------------------------------- */

/* One line from fd into buf (cap bytes with the NUL), without its "\n" or
 * "\r\n", byte by byte (nothing stays behind in a stdio buffer): 0; 1 when
 * it does not fit; -1 on a read error or when fd gives nothing at all. */
static int read_line(int fd, char *buf, size_t cap)
{
    size_t n = 0, got = 0;
    for (;;) {
        char ch;
        ssize_t r = read(fd, &ch, 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        got += (size_t)r;
        if (r == 0 || ch == '\n')
            break;
        if (n + 1 >= cap)
            return 1;
        buf[n++] = ch;
    }
    if (n && buf[n - 1] == '\r')
        n--;
    buf[n] = '\0';
    return got ? 0 : -1;
}

static struct termios saved_tty;
static volatile sig_atomic_t tty_quiet;
static const int TTY_SIGNALS[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT};

/* A signal while echo is off: echo back on, then die of the signal. */
static void restore_tty(int sig)
{
    if (tty_quiet)
        tcsetattr(0, TCSAFLUSH, &saved_tty);
    signal(sig, SIG_DFL);
    raise(sig);
}

/* One line from the terminal on stdin, echo off (the newline is echoed). */
static int read_quietly(const char *prompt, char *buf, size_t cap)
{
    struct sigaction sa, old[BU_ARRAY_LEN(TTY_SIGNALS)];
    struct termios quiet;
    if (tcgetattr(0, &saved_tty) < 0)
        return -1;
    quiet = saved_tty;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    quiet.c_lflag |= ECHONL;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = restore_tty;
    for (size_t i = 0; i < BU_ARRAY_LEN(TTY_SIGNALS); i++)
        sigaction(TTY_SIGNALS[i], &sa, &old[i]);
    fputs(prompt, stderr);
    fflush(stderr);
    tty_quiet = 1;
    int rc = tcsetattr(0, TCSAFLUSH, &quiet) < 0 ? -1 : read_line(0, buf, cap);
    tcsetattr(0, TCSAFLUSH, &saved_tty);
    tty_quiet = 0;
    for (size_t i = 0; i < BU_ARRAY_LEN(TTY_SIGNALS); i++)
        sigaction(TTY_SIGNALS[i], &old[i], NULL);
    return rc;
}

static int from_tty(struct cli *c, const char *login, char *pw)
{
    char again[PW_BUF];
    char *prompt = xasprintf("New password for %s: ", login);
    int rc = read_quietly(prompt, pw, PW_BUF);
    if (rc == 0)
        rc = read_quietly("The same again: ", again, sizeof again);
    free(prompt);
    if (rc == 0 && (strlen(pw) != strlen(again) || sodium_memcmp(pw, again, strlen(pw)) != 0)) {
        cli_err(c, "the two passwords differ; nothing was changed");
        rc = -2;
    } else if (rc != 0) {
        cli_err(c, "%s", rc > 0 ? "the password is too long" : "no password was read");
    }
    sodium_memzero(again, sizeof again);
    return rc == 0 ? 0 : -1;
}

static int from_fd(struct cli *c, int fd, const char *what, char *pw)
{
    int rc = read_line(fd, pw, PW_BUF);
    if (rc > 0)
        cli_err(c, "the password in %s is longer than %d bytes", what, ACCOUNT_PASSWORD_MAX);
    else if (rc < 0)
        cli_err(c, "no password in %s (its first line is the password)", what);
    return rc == 0 ? 0 : -1;
}

/* The password into pw (PW_BUF bytes): from file, else from the terminal
 * (twice) when stdin is one, else from stdin. 0, or -1 said. */
static int get_password(struct cli *c, const char *file, const char *login, char *pw)
{
    if (!file)
        return isatty(0) ? from_tty(c, login, pw) : from_fd(c, 0, "stdin", pw);
    int fd = open(file, O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        cli_err(c, "--password-file %s: %s", file, strerror(errno));
        return -1;
    }
    int rc = from_fd(c, fd, file, pw);
    close(fd);
    return rc;
}

/* --- options --------------------------------------------------------------- */

struct uopts {
    const char *name, *role, *lang, *pwfile, *admin, *no_admin, *json;
    const char *depts[ACCOUNT_DEPARTMENTS_MAX + 1]; /* NULL-terminated */
    size_t n_depts;
    const char *pos[2];
    int npos;
};

/* The subcommand's options (argv[1] is its name): --department may come
 * more than once, the others once, as specs say. 0, or -1 said. */
static int scan(struct cli *c, struct uopts *o, const struct arg_spec *specs, int nspecs,
                int depts)
{
    int argc = c->argc - 1, n = 0, rc = 0;
    char **argv = c->argv + 1, **rest = xcalloc((size_t)argc + 1, sizeof *rest);
    rest[n++] = argv[0];
    for (int i = 1; i < argc && rc == 0; i++) {
        if (!depts || strcmp(argv[i], "--department") != 0) {
            rest[n++] = argv[i];
        } else if (i + 1 >= argc || o->n_depts == ACCOUNT_DEPARTMENTS_MAX) {
            cli_err(c, "--department %s", i + 1 >= argc ? "needs a value" : "given too often");
            rc = -1;
        } else {
            o->depts[o->n_depts++] = argv[++i];
        }
    }
    if (rc == 0)
        rc = args_scan("user", n, rest, specs, nspecs, o->pos, 2, &o->npos);
    free(rest);
    return rc;
}

static int parse_role(struct cli *c, const char *s, enum account_role *role)
{
    if (account_role_parse(s, role) == 0)
        return 0;
    cli_err(c, "--role: unknown role \"%s\"; one of clerk, head, director, none", s);
    return -1;
}

/* Every department given is one of the rules: 0, else the exit code. */
static int check_depts(struct cli *c, const char *const *d)
{
    if (!d[0])
        return 0;
    if (cli_need_rules(c) < 0)
        return EXIT_CONFIG_;
    for (; *d; d++) {
        if (rules_department(c->rules, *d))
            continue;
        if (cli_check_department(c, "--department", *d) == 0)
            cli_err(c, "--department: \"%s\" is no longer a department of the rules", *d);
        return EXIT_USAGE_;
    }
    return 0;
}

/* A store answer: 0 fine, else the reason said and EXIT_FAIL. */
static int outcome(struct cli *c, int rc, char *cause)
{
    if (rc != 0)
        cli_err(c, "%s", cause ? cause : "failed");
    free(cause);
    return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

/* The account named login, for a command that changes it: 0, or the exit
 * code (said). */
static int need_account(struct cli *c, const char *login, struct account *a)
{
    char *cause = NULL;
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    int rc = account_get(c->store, login, a, &cause);   /* before cause is read */
    return outcome(c, rc, cause);
}

static void print_role(const char *login, enum account_role role, int admin,
                       const char *const *depts)
{
    printf("%s: %s", login, account_role_name(role));
    for (size_t i = 0; depts && depts[i]; i++)
        printf("%s%s", i ? ", " : " of ", depts[i]);
    printf("%s\n", admin ? ", admin" : "");
}

/* --- the subcommands ------------------------------------------------------- */

static const char USAGE_ADD[] =
    "usage: bureau [--as CLERK] user add LOGIN --name \"DISPLAY NAME\" --role ROLE [--admin]\n"
    "           [--department ID]... [--lang ar|fr] [--password-file FILE]\n";
static const char USAGE_LIST[] = "usage: bureau [--json] user list\n";
static const char USAGE_PASSWD[] =
    "usage: bureau [--as CLERK] user passwd LOGIN [--password-file FILE]\n";
static const char USAGE_DISABLE[] =
    "usage: bureau [--as CLERK] user disable LOGIN\n"
    "       bureau [--as CLERK] user enable LOGIN\n";
static const char USAGE_ROLE[] =
    "usage: bureau [--as CLERK] user role LOGIN [--role ROLE] [--admin|--no-admin]\n"
    "           [--department ID]...\n";

static int user_add(struct cli *c)
{
    struct uopts o = {0};
    const struct arg_spec specs[] = {{"--name", 1, &o.name}, {"--role", 1, &o.role},
                                     {"--admin", 0, &o.admin}, {"--lang", 1, &o.lang},
                                     {"--password-file", 1, &o.pwfile}};
    enum account_role role;
    if (scan(c, &o, specs, BU_ARRAY_LEN(specs), 1) < 0 || o.npos != 1 || !o.name || !o.role) {
        fputs(USAGE_ADD, stderr);
        return EXIT_USAGE_;
    }
    if (parse_role(c, o.role, &role) < 0)
        return EXIT_USAGE_;
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    int rc = check_depts(c, o.depts);
    if (rc)
        return rc;
    char *cause = NULL, pw[PW_BUF];
    rc = account_check_new(c->store, c->actor, o.pos[0], o.name, role, o.depts, o.lang, &cause);
    if (rc != 0)
        return outcome(c, rc, cause);
    if (get_password(c, o.pwfile, o.pos[0], pw) < 0)
        return EXIT_FAIL;
    rc = account_add(c->store, c->actor, o.pos[0], o.name, pw, role, o.admin != NULL, o.depts,
                     o.lang, &cause);
    sodium_memzero(pw, sizeof pw);
    if (rc == 0) {
        char login[ACCOUNT_LOGIN_MAX + 1];
        account_login_norm(o.pos[0], login);
        printf("account added by %s; ", c->actor);
        print_role(login, role, o.admin != NULL, o.depts);
    }
    return outcome(c, rc, cause);
}

static void account_json(struct json *j, const struct account *a)
{
    json_obj_begin(j);
    json_kv_int(j, "id", a->id);
    json_kv_str(j, "login", a->login);
    json_kv_str(j, "name", a->display_name);
    json_kv_str(j, "role", account_role_name(a->role));
    json_kv_bool(j, "admin", a->admin);
    json_key(j, "departments");
    json_arr_begin(j);
    for (char **d = a->departments; *d; d++)
        json_str(j, *d);
    json_arr_end(j);
    json_kv_str(j, "lang", a->lang);
    json_kv_bool(j, "disabled", a->disabled);
    json_kv_int(j, "created_at", a->created_at);
    json_obj_end(j);
}

/* "urbanisme,etat-civil" or "-". Caller frees. */
static char *dept_list(const struct account *a)
{
    struct buf b;
    buf_init(&b, 64 * 1024);
    for (char **d = a->departments; *d; d++)
        buf_printf(&b, "%s%s", d == a->departments ? "" : ",", *d);
    if (!b.len)
        buf_putc(&b, '-');
    return buf_steal(&b);
}

/* Logins, roles, departments and languages are ASCII: their columns are
 * aligned by bytes; the display name, any script, comes last. */
static void accounts_table(struct buf *b, const struct account *v, size_t n)
{
    char **depts = xcalloc(n ? n : 1, sizeof *depts);
    int wl = 5, wd = 11;
    for (size_t i = 0; i < n; i++) {
        depts[i] = dept_list(&v[i]);
        if ((int)strlen(v[i].login) > wl)
            wl = (int)strlen(v[i].login);
        if ((int)strlen(depts[i]) > wd)
            wd = (int)strlen(depts[i]);
    }
    buf_printf(b, "%-*s  %-8s  %-5s  %-4s  %-8s  %-*s  %s\n", wl, "LOGIN", "ROLE", "ADMIN",
               "LANG", "STATE", wd, "DEPARTMENTS", "NAME");
    for (size_t i = 0; i < n; i++) {
        buf_printf(b, "%-*s  %-8s  %-5s  %-4s  %-8s  %-*s  %s\n", wl, v[i].login,
                   account_role_name(v[i].role), v[i].admin ? "yes" : "-", v[i].lang,
                   v[i].disabled ? "disabled" : "enabled", wd, depts[i], v[i].display_name);
        free(depts[i]);
    }
    free(depts);
}

static int user_list(struct cli *c)
{
    struct uopts o = {0};
    const struct arg_spec specs[] = {{"--json", 0, &o.json}};
    if (scan(c, &o, specs, BU_ARRAY_LEN(specs), 0) < 0 || o.npos != 0) {
        fputs(USAGE_LIST, stderr);
        return EXIT_USAGE_;
    }
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    struct account *v = NULL;
    size_t n = 0;
    char *cause = NULL;
    int rc = account_list(c->store, &v, &n, &cause);
    struct buf b;
    buf_init(&b, LIST_OUT_MAX);
    if (rc == 0 && (c->json || o.json)) {
        struct json j;
        json_init(&j, &b);
        json_arr_begin(&j);
        for (size_t i = 0; i < n; i++)
            account_json(&j, &v[i]);
        json_arr_end(&j);
        buf_putc(&b, '\n');
    } else if (rc == 0) {
        accounts_table(&b, v, n);
    }
    fwrite(b.data, 1, b.len, stdout);
    buf_free(&b);
    for (size_t i = 0; i < n; i++)
        account_free(&v[i]);
    free(v);
    return outcome(c, rc, cause);
}

static int user_passwd(struct cli *c)
{
    struct uopts o = {0};
    const struct arg_spec specs[] = {{"--password-file", 1, &o.pwfile}};
    if (scan(c, &o, specs, BU_ARRAY_LEN(specs), 0) < 0 || o.npos != 1) {
        fputs(USAGE_PASSWD, stderr);
        return EXIT_USAGE_;
    }
    struct account a = {0};
    int rc = need_account(c, o.pos[0], &a);
    if (rc)
        return rc;
    char *cause = NULL, pw[PW_BUF];
    if (get_password(c, o.pwfile, a.login, pw) < 0) {
        account_free(&a);
        return EXIT_FAIL;
    }
    rc = account_set_password(c->store, c->actor, a.login, pw, &cause);
    sodium_memzero(pw, sizeof pw);
    if (rc == 0)
        printf("%s: password changed by %s; its sessions are ended\n", a.login, c->actor);
    account_free(&a);
    return outcome(c, rc, cause);
}

static int set_disabled(struct cli *c, int disabled)
{
    struct uopts o = {0};
    if (scan(c, &o, NULL, 0, 0) < 0 || o.npos != 1) {
        fputs(USAGE_DISABLE, stderr);
        return EXIT_USAGE_;
    }
    if (cli_need_store(c) < 0)
        return EXIT_CONFIG_;
    char *cause = NULL;
    int rc = account_set_disabled(c->store, c->actor, o.pos[0], disabled, &cause);
    if (rc == 0)
        printf("%s: %s by %s\n", o.pos[0], disabled ? "disabled (sessions ended)" : "enabled",
               c->actor);
    return outcome(c, rc, cause);
}

static int user_disable(struct cli *c)
{
    return set_disabled(c, 1);
}

static int user_enable(struct cli *c)
{
    return set_disabled(c, 0);
}

static int user_role(struct cli *c)
{
    struct uopts o = {0};
    const struct arg_spec specs[] = {{"--role", 1, &o.role}, {"--admin", 0, &o.admin},
                                     {"--no-admin", 0, &o.no_admin}};
    if (scan(c, &o, specs, BU_ARRAY_LEN(specs), 1) < 0 || o.npos != 1 ||
        (o.admin && o.no_admin) || (!o.role && !o.admin && !o.no_admin && !o.n_depts)) {
        fputs(USAGE_ROLE, stderr);
        return EXIT_USAGE_;
    }
    struct account a = {0};
    enum account_role role = ROLE_NONE;
    if (o.role && parse_role(c, o.role, &role) < 0)
        return EXIT_USAGE_;
    int rc = need_account(c, o.pos[0], &a);
    if (rc == 0)
        rc = check_depts(c, o.depts);
    if (rc) {
        account_free(&a);
        return rc;
    }
    if (!o.role)
        role = a.role;
    int admin = o.admin ? 1 : o.no_admin ? 0 : a.admin;
    /* a head staying a head keeps their departments unless others are given */
    const char *const *depts = o.n_depts || role != ROLE_HEAD ? o.depts
                               : (const char *const *)a.departments;
    char *cause = NULL;
    rc = account_set_role(c->store, c->actor, a.login, role, admin, depts, &cause);
    if (rc == 0)
        print_role(a.login, role, admin, depts);
    account_free(&a);
    return outcome(c, rc, cause);
}

static const char WHAT_DISABLE[] =
    "disable: the account can no longer log in, its sessions are ended (accounts are\n"
    "never deleted: their names are in the history). enable: it can again.\n";

static const struct sub {
    const char *name;
    int (*run)(struct cli *);
    const char *usage, *what;
} SUBS[] = {
    {"add", user_add, USAGE_ADD,
     "A new account. ROLE: clerk (the whole register, every action), head (only the\n"
     "entries of the departments given with --department, one or more, ids of the\n"
     "rules: bureau departments), director (everything, read and triage), none (no\n"
     "mail: with --admin, an account that only manages accounts). --admin: manages\n"
     "the accounts in the console. The display name is what the entries' history\n"
     "records for this person's actions; it must differ from every other account's.\n"
     "--lang: the console's language for them (default fr).\n"},
    {"list", user_list, USAGE_LIST,
     "Every account: login, role, admin, language, state, departments and name.\n"},
    {"passwd", user_passwd, USAGE_PASSWD,
     "A new password for LOGIN; the account's open sessions are ended.\n"},
    {"disable", user_disable, USAGE_DISABLE, WHAT_DISABLE},
    {"enable", user_enable, USAGE_DISABLE, WHAT_DISABLE},
    {"role", user_role, USAGE_ROLE,
     "Changes the role, the admin right or a head's departments (given departments\n"
     "replace the old ones; a head staying a head keeps theirs otherwise).\n"},
};

static const char PASSWORD_NOTE[] =
    "\nThe password (at least 10 characters, not the login) is asked twice on the\n"
    "terminal, without echo; when stdin is not a terminal it is the first line of\n"
    "stdin, or of FILE with --password-file. Never on the command line.\n"
    "Every change is recorded with who made it (--as, $BUREAU_CLERK, $USER).\n"
    "Exit: 0 done, 1 refused (the reason is said), 64 usage or unknown department,\n"
    "78 configuration.\n";

static int usage(FILE *f, const struct sub *only)
{
    for (size_t i = 0; i < BU_ARRAY_LEN(SUBS); i++) {
        if (only && only != &SUBS[i])
            continue;
        if (only || i == 0 || SUBS[i].usage != SUBS[i - 1].usage)
            fputs(SUBS[i].usage, f);
        if (only)
            fprintf(f, "\n%s", SUBS[i].what);
    }
    fputs(PASSWORD_NOTE, f);
    return f == stdout ? EXIT_OK : EXIT_USAGE_;
}

int cmd_user(struct cli *c)
{
    if (c->argc < 2)
        return usage(stderr, NULL);
    for (size_t i = 0; i < BU_ARRAY_LEN(SUBS); i++)
        if (!strcmp(c->argv[1], SUBS[i].name))
            return cli_wants_help(c) ? usage(stdout, &SUBS[i]) : SUBS[i].run(c);
    if (cli_wants_help(c))
        return usage(stdout, NULL);
    cli_err(c, "unknown subcommand \"%s\"", c->argv[1]);
    return usage(stderr, NULL);
}
