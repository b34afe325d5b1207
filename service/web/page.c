/* page.c — HTML of the console: escaping, the layout (Arabic right to
 * left, French left to right), the names of statuses, departments and
 * kinds, and the one stylesheet (web_int.h).
 *
 * Everything that came from outside (mail, form fields, names) goes
 * through h_esc; user content is also isolated (<bdi dir="auto">) so that a
 * French subject reads right in the Arabic page and the other way round;
 * numbers and dates are wrapped left to right so they never flip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau/calendar.h"
#include "bureau/lifecycle.h"
#include "bureau/paper.h"
#include "web_int.h"

void h_esc(struct buf *b, const char *s)
{
    (void)buf_html_escape(b, s);
}

void h_bdi(struct buf *b, const char *s)
{
    buf_puts(b, "<bdi dir=\"auto\">");
    h_esc(b, s && *s ? s : "—");
    buf_puts(b, "</bdi>");
}

void h_ltr(struct buf *b, const char *s)
{
    buf_puts(b, "<span dir=\"ltr\" class=\"ltr\">");
    h_esc(b, s);
    buf_puts(b, "</span>");
}

void h_date(struct buf *b, int64_t t)
{
    char d[11];
    fmt_date(t, d);
    h_ltr(b, d);
}

void h_datetime(struct buf *b, int64_t t)
{
    char d[20];
    fmt_datetime(t, d);
    h_ltr(b, d);
}

void h_csrf(struct buf *b, const struct req *r)
{
    buf_puts(b, "<input type=\"hidden\" name=\"csrf\" value=\"");
    h_esc(b, r->se.csrf);
    buf_puts(b, "\">");
}

const char *web_status_label(const struct req *r, const char *status)
{
    return r->ar ? lifecycle_status_ar(status) : lifecycle_status_fr(status);
}

const char *web_dept_label(const struct req *r, const char *dept)
{
    const char *l = rules_department_label(r->c->rules, dept, r->ar);
    return l ? l : "—";
}

const char *web_kind_label(const struct req *r, const char *kind)
{
    const char *l = rules_kind_label(r->c->rules, kind, r->ar);
    return l ? l : "—";
}

static void nav_link(struct buf *b, const char *href, const char *label)
{
    buf_puts(b, "<a href=\"");
    h_esc(b, href);
    buf_puts(b, "\">");
    h_esc(b, label);
    buf_puts(b, "</a>");
}

static void nav(struct buf *b, struct req *r)
{
    buf_puts(b, "<header><nav>");
    if (r->a.role != ROLE_NONE) {
        nav_link(b, "/", T(r, "Files de travail", "قوائم العمل"));
        nav_link(b, "/register", T(r, "Registre", "السجل"));
        nav_link(b, "/figures", T(r, "Chiffres", "الأرقام"));
        if (r->a.role != ROLE_HEAD)
            nav_link(b, "/quarantine", T(r, "Quarantaine", "الحجر"));
        if (r->a.role == ROLE_CLERK)
            nav_link(b, "/paper", T(r, "Courrier papier", "البريد الورقي"));
    }
    if (r->a.admin)
        nav_link(b, "/accounts", T(r, "Comptes", "الحسابات"));
    buf_puts(b, "</nav>");
    if (r->a.role != ROLE_NONE) {
        buf_puts(b, "<form class=\"search\" method=\"get\" action=\"/search\" role=\"search\">"
                    "<input name=\"q\" type=\"search\" dir=\"auto\" maxlength=\"500\" aria-label=\"");
        h_esc(b, T(r, "Rechercher", "بحث"));
        buf_puts(b, "\" placeholder=\"");
        h_esc(b, T(r, "Rechercher", "بحث"));
        buf_puts(b, "\"><button type=\"submit\">");
        h_esc(b, T(r, "Rechercher", "بحث"));
        buf_puts(b, "</button></form>");
    }
    buf_puts(b, "<div class=\"who\">");
    h_bdi(b, r->a.display_name);
    buf_puts(b, " <form method=\"post\" action=\"/lang\">");
    h_csrf(b, r);
    buf_printf(b, "<input type=\"hidden\" name=\"lang\" value=\"%s\">", r->ar ? "fr" : "ar");
    buf_puts(b, "<input type=\"hidden\" name=\"back\" value=\"");
    h_esc(b, r->url);
    buf_printf(b, "\"><button type=\"submit\" lang=\"%s\">%s</button></form>", r->ar ? "fr" : "ar",
               r->ar ? "Français" : "العربية");
    buf_puts(b, "<form method=\"post\" action=\"/logout\">");
    h_csrf(b, r);
    buf_puts(b, "<button type=\"submit\" id=\"logout\">");
    h_esc(b, T(r, "Déconnexion", "خروج"));
    buf_puts(b, "</button></form></div></header>");
}

void page_begin(struct buf *b, struct req *r, const char *title)
{
    buf_printf(b, "<!DOCTYPE html><html lang=\"%s\" dir=\"%s\"><head><meta charset=\"utf-8\">"
                  "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                  "<title>",
               r->ar ? "ar" : "fr", r->ar ? "rtl" : "ltr");
    h_esc(b, title);
    buf_puts(b, " — ");
    h_esc(b, T(r, "Bureau d'ordre", "مكتب الضبط"));
    buf_puts(b, "</title><link rel=\"stylesheet\" href=\"/static/console.css\"></head><body>");
    if (r->logged_in)
        nav(b, r);
}

void page_end(struct buf *b)
{
    buf_puts(b, "</body></html>");
}

/* Fonts a plain Debian desktop has: DejaVu and Noto (fonts-noto-core
 * carries Noto Naskh Arabic and Noto Sans Arabic). Logical properties
 * (margin-inline-start...) so the same rules serve both directions. */
const char web_stylesheet[] =
    "html{font-family:'Noto Sans','Noto Sans Arabic','Noto Naskh Arabic','DejaVu Sans',sans-serif;"
    "font-size:16px;color:#1b1b1b;background:#fafaf7}\n"
    "body{margin:0}\n"
    "header{display:flex;flex-wrap:wrap;gap:1em;align-items:center;padding:.5em 1em;"
    "background:#0b4f6c;color:#fff}\n"
    "header a{color:#fff;margin-inline-end:1em;text-decoration:none;font-weight:bold}\n"
    "header form{display:inline}\n"
    ".who{margin-inline-start:auto}\n"
    "main{padding:1em 1.5em;max-width:80em}\n"
    "h1{font-size:1.4em}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:start;vertical-align:top}\n"
    "th{background:#eef3f5}\n"
    ".ltr{unicode-bidi:isolate;direction:ltr}\n"
    ".tiles{display:flex;flex-wrap:wrap;gap:1em;padding:0;list-style:none}\n"
    ".tiles li a{display:block;min-width:10em;padding:1em;border:1px solid #0b4f6c;"
    "border-radius:6px;text-decoration:none;color:#0b4f6c;background:#fff}\n"
    ".tiles .count{display:block;font-size:2em;font-weight:bold}\n"
    ".late{color:#a50000;font-weight:bold}\n"
    ".error{color:#a50000;font-weight:bold}\n"
    ".done{color:#0a6b0a;font-weight:bold}\n"
    ".body{white-space:pre-wrap;background:#fff;border:1px solid #ddd;padding:1em;"
    "max-height:40em;overflow:auto}\n"
    "dl.facts{display:grid;grid-template-columns:max-content auto;gap:.3em 1em}\n"
    "dl.facts dt{font-weight:bold}\n"
    "dl.facts dd{margin:0}\n"
    ".actions form{border:1px solid #ddd;padding:.6em;margin:.5em 0;background:#fff}\n"
    ".timeline{list-style:none;padding:0}\n"
    ".timeline li{border-inline-start:3px solid #0b4f6c;padding:.2em .8em;margin:.3em 0}\n"
    ".filters{display:flex;flex-wrap:wrap;gap:.5em;align-items:end}\n"
    ".filters label{display:flex;flex-direction:column;font-size:.9em}\n"
    ".login{max-width:24em;margin:4em auto}\n"
    ".login input{width:100%}\n"
    ".pages a{margin-inline-end:1em}\n"
    ".mail{background:#fff7e0;border:1px solid #e0c060;padding:.6em}\n"
    "svg text{font-size:11px}\n"
    "form.paper{display:grid;grid-template-columns:max-content minmax(0,40em);gap:.5em 1em;"
    "align-items:start}\n"
    "form.paper fieldset,form.paper button{grid-column:1/-1}\n"
    "dd.address{white-space:pre-line}\n"
    "@media print{header{display:none}}\n" PAPER_RECEIPT_CSS;

void h_url(struct buf *b, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            strchr("-._~", *p))
            buf_putc(b, (char)*p);
        else
            buf_printf(b, "%%%02X", *p);
    }
}
