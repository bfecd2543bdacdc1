/*
** bulletin.c — the loudspeaker bulletin, one script per broadcast station:
** the unit's own station (named for its locality: "Đài truyền thanh huyện
** Chợ Lách", not the committee) reads its own key cadres and those of its
** units without a station (a district's agencies, a commune's cells); each
** commune below has its own.  An opening, every key cadre's published
** commitments as spoken sentences (the day they are due read once), and a
** closing; numbers, dates and abbreviations written out as they are read.  Audio comes from
** espeak-ng's Vietnamese voice run as a separate program (it is GPL-3 and
** stays out of our binary), normalised with sox, MP3 by lame.  Only
** published registrations ever enter a bulletin.
*/
#include "io.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zip.h>

extern char **environ;

/* The largest audio file kept (some four hours of WAV at 22,050 Hz). */
#define BULLETIN_MAX_AUDIO ((size_t)1 << 30)

static const char *const ordinals[] = {"thứ nhất", "thứ hai", "thứ ba", "thứ tư", "thứ năm", "thứ sáu",
                                       "thứ bảy", "thứ tám", "thứ chín", "thứ mười"};

/* A station's name: "Đài truyền thanh xã Tân Thiềng", the district's
** "Đài truyền thanh huyện Chợ Lách" (the locality's, not the committee's). */
static void station_name(const char *unit_name, char *out, size_t n) {
    char place[256];
    snprintf(out, n, "Đài truyền thanh %s", unit_locality(unit_name, place, sizeof place) ? place : unit_name);
}

/* dd/mm/yyyy as a number that orders dates (0 when it is none). */
static long day_order(const char *vn) {
    return strlen(vn) == 10 ? atol(vn + 6) * 10000 + atol(vn + 3) * 100 + atol(vn) : 0;
}

/* One key cadre's commitments as read: the items in order, and the day
** they are all to be done by, read once. */
static int read_person(lt_ctx *ctx, const dom_rows *regs, long i, lt_buf *text, lt_err *e) {
    dom_rows items;
    if (q_registration_items(ctx, rows_int(regs, i, "id"), &items, e)) return e->code;
    lt_buf_printf(text, "Đồng chí %s, %s, %s, đăng ký: ", rows_get(regs, i, "full_name"),
                  rows_get(regs, i, "position"), rows_get(regs, i, "unit_name"));
    const char *last = "";
    for (long k = 0; k < items.n; k++) {
        lt_buf_printf(text, "%s%s, %s", k ? "; " : "", ordinals[k % 10], rows_get(&items, k, "body"));
        if (day_order(rows_get(&items, k, "deadline")) > day_order(last)) last = rows_get(&items, k, "deadline");
    }
    lt_buf_puts(text, ".");
    if (*last) lt_buf_printf(text, " Các nội dung trên hoàn thành trước %s.", last);
    lt_buf_puts(text, "\n\n");
    rows_free(&items);
    return LT_OK;
}

/* The published key cadres of the subtree of unit_id (only those of the
** unit itself when own_only) read onto text; *said counts them. */
static int read_people(lt_ctx *ctx, long long unit_id, const char *own_only, int year, lt_buf *text, int *said,
                       lt_err *e) {
    dom_rows regs;
    if (q_public_registrations(ctx, unit_id, year, &regs, e)) return e->code;
    int rc = LT_OK;
    for (long i = 0; rc == LT_OK && i < regs.n; i++) {
        if (own_only && strcmp(rows_get(&regs, i, "unit_name"), own_only) != 0) continue;
        rc = read_person(ctx, &regs, i, text, e);
        (*said)++;
    }
    rows_free(&regs);
    return rc;
}

/* Does node k have its own station (a commune, ward or town)? */
static int has_station(const unit_node *u) {
    char place[256];
    return !strcmp(u->kind, "grassroots_committee") && unit_locality(u->name, place, sizeof place) &&
           strncmp(place, "huyện", 5) && strncmp(place, "tỉnh", 5);
}

/* The script of node k's own station: its own key cadres and those of
** its units without a station of their own. */
static int station_script(lt_ctx *ctx, const unit_tree *t, long k, int year, bulletin_station *st, lt_err *e) {
    const unit_node *u = &t->nodes[k];
    lt_buf text;
    lt_buf_init(&text, 0);
    snprintf(st->code, sizeof st->code, "%s", u->code);
    station_name(u->name, st->name, sizeof st->name);
    lt_buf_printf(&text, "%s.\n\nKính thưa bà con nhân dân. Thực hiện Chỉ thị 05-CT/TW về đẩy mạnh học tập và làm "
                         "theo tư tưởng, đạo đức, phong cách Hồ Chí Minh%s, Đài xin thông tin nội dung đăng ký làm theo "
                         "năm %d của cán bộ chủ chốt.\n\n", st->name,
                  year >= 2021 ? " và Kết luận 01-KL/TW" : "", year);
    int said = 0, rc = read_people(ctx, u->id, u->name, year, &text, &said, e);
    for (long c = u->first_child; rc == LT_OK && c >= 0; c = t->nodes[c].next_sibling)
        if (!has_station(&t->nodes[c])) rc = read_people(ctx, t->nodes[c].id, NULL, year, &text, &said, e);
    if (!said) lt_buf_puts(&text, "Năm nay chưa có nội dung đăng ký được công khai.\n\n");
    lt_buf_puts(&text, "Bản tin đến đây là hết. Cảm ơn bà con đã lắng nghe.\n\n");
    /* controls older versions stored are neither read out nor printed */
    lt_buf clean;
    lt_buf_init(&clean, 0);
    if (rc == LT_OK && (text.err || text_clean(text.p ? text.p : "", text.len, " ", &clean)))
        rc = lt_err_oom(e);
    if (rc == LT_OK) speech_text(clean.p ? clean.p : "", &st->script);
    if (rc == LT_OK && st->script.err) rc = lt_err_oom(e);
    lt_buf_free(&clean);
    lt_buf_free(&text);
    return rc;
}

void bulletin_stations_free(bulletin_station *st, int n) {
    for (int i = 0; st && i < n; i++) lt_buf_free(&st[i].script);
    free(st);
}

int bulletin_stations(lt_ctx *ctx, const char *unit_code, int year, bulletin_which which, bulletin_station **out,
                      int *n, lt_err *e) {
    int all = which != STATIONS_OWN;
    const ind_result *r;
    long idx;
    *out = NULL;
    *n = 0;
    if (report_result(ctx, unit_code, year, year, &r, &idx, e)) return e->code;
    const unit_tree *t = &r->tree;
    int cap = 1;
    for (long c = t->nodes[idx].first_child; all && c >= 0; c = t->nodes[c].next_sibling) cap += has_station(&t->nodes[c]);
    bulletin_station *st = calloc((size_t)cap, sizeof *st);
    int rc = st ? LT_OK : lt_err_oom(e), k = 0;
    if (rc == LT_OK) rc = station_script(ctx, t, idx, year, &st[k++], e);
    for (long c = t->nodes[idx].first_child; rc == LT_OK && all && c >= 0; c = t->nodes[c].next_sibling)
        if (has_station(&t->nodes[c])) {
            if (which == STATIONS_ALL) {
                rc = station_script(ctx, t, c, year, &st[k++], e);
            } else { /* named only: the page that links to them reads none of them */
                snprintf(st[k].code, sizeof st[k].code, "%s", t->nodes[c].code);
                station_name(t->nodes[c].name, st[k].name, sizeof st[k].name);
                k++;
            }
        }
    ind_release(r);
    if (rc) { bulletin_stations_free(st, k); return rc; }
    *out = st;
    *n = k;
    return LT_OK;
}

int bulletin_script(lt_ctx *ctx, const char *unit_code, int year, int all, lt_buf *out, lt_err *e) {
    bulletin_station *st;
    int n;
    if (bulletin_stations(ctx, unit_code, year, all ? STATIONS_ALL : STATIONS_OWN, &st, &n, e)) return e->code;
    for (int i = 0; i < n; i++) {
        if (i) lt_buf_puts(out, "---\n\n");
        lt_buf_append(out, st[i].script.p ? st[i].script.p : "", st[i].script.len);
    }
    bulletin_stations_free(st, n);
    return out->err ? lt_err_oom(e) : LT_OK;
}

/* Run argv[0] (from PATH) with argv, its output discarded; 0 on success. */
static int run(char *const argv[], lt_err *e) {
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int err = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (err)
        return lt_err_set(e, LT_EIO, "không chạy được %s (hãy cài gói %s): %s",
                          "cannot run %s (install the %s package): %s", argv[0], argv[0], strerror(err));
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return lt_err_set(e, LT_EIO, "%s thất bại", "%s failed", argv[0]);
    return LT_OK;
}

int bulletin_audio(const char *script, int mp3, const char *out_path, lt_err *e) {
    char dir[] = "/tmp/lamtheo-audio-XXXXXX";
    if (!mkdtemp(dir)) return lt_err_set(e, LT_EIO, "không tạo được thư mục tạm", "cannot create a temporary folder");
    char txt[64], raw[64], norm[64];
    snprintf(txt, sizeof txt, "%s/script.txt", dir);
    snprintf(raw, sizeof raw, "%s/raw.wav", dir);
    snprintf(norm, sizeof norm, "%s/norm.wav", dir);
    FILE *f = fopen(txt, "w");
    int ok = f && fputs(script, f) >= 0;
    if (f && fclose(f) != 0) ok = 0;
    int rc = ok ? LT_OK : lt_err_set(e, LT_EIO, "không ghi được %s", "cannot write %s", txt);
    char *espeak[] = {"espeak-ng", "-v", "vi", "-s", "140", "-g", "4", "-w", raw, "-f", txt, NULL};
    char *sox[] = {"sox", raw, "-r", "22050", "-c", "1", norm, "norm", "-3", NULL};
    if (rc == LT_OK) rc = run(espeak, e);
    if (rc == LT_OK) rc = run(sox, e);
    char final[64];
    snprintf(final, sizeof final, "%s/out.%s", dir, mp3 ? "mp3" : "wav");
    if (rc == LT_OK && mp3) {
        char *lame[] = {"lame", "--quiet", "-V", "6", norm, final, NULL};
        rc = run(lame, e);
    } else if (rc == LT_OK) {
        rc = rename(norm, final) == 0 ? LT_OK : lt_err_set(e, LT_EIO, "không ghi được", "cannot write");
    }
    /* out_path is written as every output file is (core.h): whole, or in
    ** place for a device or a pipe, never replacing one */
    char *audio = NULL;
    size_t n = 0;
    if (rc == LT_OK) rc = lt_read_file(final, BULLETIN_MAX_AUDIO, &audio, &n, e);
    if (rc == LT_OK) rc = lt_write_file(out_path, audio, n, e);
    free(audio);
    unlink(txt);
    unlink(raw);
    unlink(norm);
    unlink(final);
    rmdir(dir);
    return rc;
}

/* A station's file name: "01-dai-truyen-thanh-xa-tan-thieng.mp3". */
static void station_file(const bulletin_station *st, int i, const char *ext, char *out, size_t n) {
    char *fold = text_fold_dup(st->name);
    int k = snprintf(out, n, "%02d-", i + 1);
    for (const char *c = fold ? fold : st->code; *c && k + 1 < (int)n - 5; c++)
        out[k++] = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') ? *c : '-';
    snprintf(out + k, n - (size_t)k, ".%s", ext);
    free(fold);
}

int bulletin_zip(const bulletin_station *st, int n, int mp3, const char *out_path, lt_err *e) {
    char dir[] = "/tmp/lamtheo-stations-XXXXXX";
    if (!mkdtemp(dir)) return lt_err_set(e, LT_EIO, "không tạo được thư mục tạm", "cannot create a temporary folder");
    int zerr = 0, rc = LT_OK;
    zip_t *za = zip_open(out_path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    if (!za) rc = lt_err_set(e, LT_EIO, "không ghi được %s", "cannot write %s", out_path);
    char (*paths)[96] = calloc((size_t)(n ? n : 1), sizeof *paths);
    if (rc == LT_OK && !paths) rc = lt_err_oom(e);
    for (int i = 0; rc == LT_OK && i < n; i++) {
        char name[160], txt[160];
        station_file(&st[i], i, mp3 ? "mp3" : "wav", name, sizeof name);
        station_file(&st[i], i, "txt", txt, sizeof txt);
        snprintf(paths[i], sizeof paths[i], "%s/%02d", dir, i + 1);
        rc = bulletin_audio(st[i].script.p ? st[i].script.p : "", mp3, paths[i], e);
        zip_source_t *a = rc ? NULL : zip_source_file(za, paths[i], 0, -1);
        zip_source_t *t = rc ? NULL : zip_source_buffer(za, st[i].script.p ? st[i].script.p : "", st[i].script.len, 0);
        if (rc == LT_OK && (!a || zip_file_add(za, name, a, ZIP_FL_ENC_UTF_8) < 0 || !t ||
                            zip_file_add(za, txt, t, ZIP_FL_ENC_UTF_8) < 0))
            rc = lt_err_set(e, LT_EIO, "không ghi được %s", "cannot write %s", out_path);
    }
    if (za && rc == LT_OK && zip_close(za) != 0)
        rc = lt_err_set(e, LT_EIO, "không ghi được %s: %s", "cannot write %s: %s", out_path, zip_strerror(za));
    if (za && rc != LT_OK) zip_discard(za);
    for (int i = 0; paths && i < n; i++) if (*paths[i]) unlink(paths[i]);
    free(paths);
    rmdir(dir);
    return rc;
}
