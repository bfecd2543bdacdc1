#!/bin/sh
# plot.sh — draws how each cost measured by bench/scale.sh grows with the
# scale S, from every $BENCH_DIR/scale-S.txt present, as one SVG:
#
#     sh bench/plot.sh [OUT.svg]      (default $BENCH_DIR/scale.svg)
#
# Both axes are logarithmic.  Each line is one figure of lamtheo (import,
# indicators, dashboard p99, search p99, server memory, database size)
# divided by its value at the smallest scale, so all start at 1; the grey
# line is growth in proportion to the data (10x per step of 10x).
set -eu
ROOT=${BENCH_DIR:-/tmp/lamtheo-bench}
OUT=${1:-$ROOT/scale.svg}
ls "$ROOT"/scale-*.txt >/dev/null 2>&1 || { echo "plot.sh: no $ROOT/scale-*.txt (run bench/scale.sh)" >&2; exit 1; }
cat "$ROOT"/scale-*.txt | awk -F'|' '
BEGIN {
    n = split("import people|indicators, all units|dashboard HTML, 1000 random units, p99|" \
              "name search API, 1000 names, p99|server peak memory|database size", want, "|")
    split("#1f77b4|#d62728|#2ca02c|#9467bd|#8c564b|#ff7f0e", colour, "|")
    W = 860; H = 480; L = 70; R = 370; T = 40; Bm = 60
}
{
    for (k = 1; k <= n; k++)
        if (index($2, want[k]) == 1) { v[k, $1 + 0] = $3 + 0; s[$1 + 0] = 1 }
}
function x(sc) { return L + (log(sc) - lmin) / (lmax - lmin) * (W - L - R) }
function y(g)  { return H - Bm - (log(g) / log(10) - 0) / gtop * (H - T - Bm) }
END {
    ns = 0
    for (sc in s) sl[++ns] = sc + 0
    for (i = 1; i <= ns; i++) for (j = i + 1; j <= ns; j++) if (sl[j] < sl[i]) { t = sl[i]; sl[i] = sl[j]; sl[j] = t }
    if (ns < 2) { print "plot.sh: need at least two scales" > "/dev/stderr"; exit 1 }
    lmin = log(sl[1]); lmax = log(sl[ns])
    gtop = (lmax - lmin) / log(10) + 0.5          # decades on the y axis
    printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n", W, H
    printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n"
    printf "<text x=\"%d\" y=\"22\" font-size=\"15\">lamtheo: growth of each cost with the scale (1 = the country)</text>\n", L
    for (d = 0; d <= int(gtop); d++) {
        printf "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", L, W - R, y(10 ^ d), y(10 ^ d)
        printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">x%d</text>\n", L - 6, y(10 ^ d) + 4, 10 ^ d
    }
    for (i = 1; i <= ns; i++) {
        printf "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>\n", x(sl[i]), x(sl[i]), T, H - Bm
        printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">S = %s</text>\n", x(sl[i]), H - Bm + 18, sl[i]
    }
    printf "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">scale S (log)</text>\n", (L + W - R) / 2, H - 16
    printf "<polyline fill=\"none\" stroke=\"#999\" stroke-dasharray=\"5,4\" points=\"%.1f,%.1f %.1f,%.1f\"/>\n", \
        x(sl[1]), y(1), x(sl[ns]), y(sl[ns] / sl[1])
    printf "<text x=\"%d\" y=\"%d\" fill=\"#777\">- - in proportion to the data</text>\n", W - R + 12, T + 10
    for (k = 1; k <= n; k++) {
        base = v[k, sl[1]]; pts = ""; last = ""
        if (base <= 0) continue
        for (i = 1; i <= ns; i++) if ((k, sl[i]) in v && v[k, sl[i]] > 0) {
            g = v[k, sl[i]] / base; if (g < 1) g = 1
            pts = pts sprintf("%.1f,%.1f ", x(sl[i]), y(g)); last = sprintf("x%.3g", v[k, sl[i]] / base)
        }
        printf "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>\n", colour[k], pts
        printf "<text x=\"%d\" y=\"%d\" fill=\"%s\">%s (%s)</text>\n", W - R + 12, T + 30 + 18 * k, colour[k], want[k], last
    }
    print "</svg>"
}' >"$OUT"
echo "plot in $OUT"
