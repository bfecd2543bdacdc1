/*
** svg.c — charts drawn by the server as inline SVG: bars of two rates per
** sub-unit, and a trend of two rates over the years.  Labels are escaped;
** absent rates are left out, never drawn as 0.
*/
#include "pages.h"

#define BAR_H 14
#define ROW_H 38
#define LABEL_W 240
#define PLOT_W 300

/* The two-colour legend at y. */
static void legend(web_req *r, int y, const char *a, const char *b) {
    html_printf(r, "<rect x=\"10\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#b71c1c\"/>"
                   "<text x=\"28\" y=\"%d\" font-size=\"12\">%s</text>", y, y + 11, a);
    html_printf(r, "<rect x=\"230\" y=\"%d\" width=\"12\" height=\"12\" fill=\"#1565c0\"/>"
                   "<text x=\"248\" y=\"%d\" font-size=\"12\">%s</text>", y, y + 11, b);
}

/* One bar of a rate at (x, y); the value written after it. */
static void bar(web_req *r, int y, long rate, const char *colour) {
    char label[32];
    if (rate < 0) {
        html_printf(r, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#666\">—</text>", LABEL_W,
                    y + 11);
        return;
    }
    int w = (int)(rate * PLOT_W / 1000);
    report_percent_vi(rate, label);
    html_printf(r, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%S\"/>"
                   "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>",
                LABEL_W, y, w, BAR_H - 2, colour, LABEL_W + w + 4, y + 11, label);
}

void svg_bars(web_req *r, const char *title, const char *const *labels, const long *rate_a,
              const long *rate_b, int n, const char *legend_a, const char *legend_b) {
    int h = 50 + n * ROW_H;
    html_printf(r, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 %d\" width=\"600\" "
                   "height=\"%d\" role=\"img\" aria-label=\"%s\"><title>%s</title>", h, h, title, title);
    legend(r, 8, legend_a, legend_b);
    for (int i = 0; i < n; i++) {
        int y = 34 + i * ROW_H;
        html_printf(r, "<text x=\"6\" y=\"%d\" font-size=\"12\">%s</text>", y + 17, labels[i]);
        bar(r, y, rate_a[i], "#b71c1c");
        bar(r, y + BAR_H + 2, rate_b[i], "#1565c0");
    }
    html_raw(r, "</svg>");
}

/* The polyline of one series (points with an absent rate are skipped). */
static void series(web_req *r, const long *rates, int n, const char *colour) {
    html_printf(r, "<polyline fill=\"none\" stroke=\"%S\" stroke-width=\"2\" points=\"", colour);
    for (int i = 0; i < n; i++)
        if (rates[i] >= 0)
            html_printf(r, "%d,%d ", 50 + i * (500 / (n > 1 ? n - 1 : 1)), 230 - (int)(rates[i] * 180 / 1000));
    html_raw(r, "\"/>");
    for (int i = 0; i < n; i++)
        if (rates[i] >= 0)
            html_printf(r, "<circle cx=\"%d\" cy=\"%d\" r=\"3\" fill=\"%S\"/>",
                        50 + i * (500 / (n > 1 ? n - 1 : 1)), 230 - (int)(rates[i] * 180 / 1000), colour);
}

void svg_trend(web_req *r, const char *title, const int *years, const long *rates_a,
               const long *rates_b, int n, const char *legend_a, const char *legend_b) {
    html_printf(r, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 260\" width=\"600\" "
                   "height=\"260\" role=\"img\" aria-label=\"%s\"><title>%s</title>", title, title);
    legend(r, 8, legend_a, legend_b);
    for (int pct = 0; pct <= 100; pct += 50) {
        int y = 230 - pct * 180 / 100;
        html_printf(r, "<line x1=\"45\" y1=\"%d\" x2=\"560\" y2=\"%d\" stroke=\"#ddd\"/>"
                       "<text x=\"4\" y=\"%d\" font-size=\"11\">%d%%</text>", y, y, y + 4, pct);
    }
    for (int i = 0; i < n; i++)
        html_printf(r, "<text x=\"%d\" y=\"250\" font-size=\"11\" text-anchor=\"middle\">%d</text>",
                    50 + i * (500 / (n > 1 ? n - 1 : 1)), years[i]);
    series(r, rates_a, n, "#b71c1c");
    series(r, rates_b, n, "#1565c0");
    html_raw(r, "</svg>");
}
