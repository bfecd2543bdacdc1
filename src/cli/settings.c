/*
** settings.c — the one table of settings: every environment variable
** lamtheo reads, which is also a key of the configuration file (config.c)
** and an entry of the man page's ENVIRONMENT (main.c).
** dist/lamtheo.conf.example documents the same; tests/e2e/t_install.sh
** checks that every getenv("LAMTHEO_...") of src/ is in both.
*/
#include "cli.h"

const cli_setting cli_settings[] = {
    {"LAMTHEO_CONFIG", "tệp cấu hình", "The configuration file when --config is not given (default "
     "/etc/lamtheo/lamtheo.conf, if it exists).  Only in the environment: the file cannot name itself.",
     "/etc/lamtheo/lamtheo.conf", CLI_SET_ENV_ONLY, 0, 0},
    {"LAMTHEO_DB", "tệp cơ sở dữ liệu, hoặc địa chỉ PostgreSQL", "The database when --db is not given: an SQLite "
     "file (default ./lamtheo.db) or a postgresql:// address (docs/postgresql.md).",
     "lamtheo.db", CLI_SET_TEXT, 0, 0},
    {"LAMTHEO_LISTEN", "địa chỉ máy chủ web nghe", "serve: the address it listens on when --listen is not "
     "given (default 127.0.0.1:8080).", "127.0.0.1:8080", CLI_SET_TEXT, 0, 0},
    {"LAMTHEO_THREADS", "số luồng của máy chủ web", "serve: the number of worker threads, 1-64 (default 2 "
     "per processor), and as many more for the requests that write.", "", CLI_SET_INT, 1, 64},
    {"LAMTHEO_REQUEST_TIMEOUT", "số giây chờ một yêu cầu", "serve: seconds, 1-3600 (default 30), after which "
     "an idle connection, or one whose request header is not complete, is closed.", "30", CLI_SET_INT, 1, 3600},
    {"LAMTHEO_STOP_WAIT", "số giây chờ các yêu cầu đang xử lý khi dừng", "serve: seconds, 1-300 (default 10), "
     "that the requests in flight get to finish on SIGTERM or SIGINT.", "10", CLI_SET_INT, 1, 300},
    {"LAMTHEO_TRUSTED_PROXY", "các proxy ngược tin cậy", "serve: the reverse proxies in front, by IP address "
     "(ADDR[,ADDR...]), when --trusted-proxy is not given.", "", CLI_SET_TEXT, 0, 0},
    {"LAMTHEO_BUSY_WAIT", "số giây chờ khóa ghi", "Seconds, 0-86400, that a write waits for another process's "
     "lock (serve: 5, then 503 with Retry-After; other commands: 300).", "", CLI_SET_SECONDS, 0, 86400},
    {"LAMTHEO_SITE", "địa chỉ trang công khai (in trên phiếu kích hoạt)", "The public site's address printed "
     "on activation slips when --site is not given.", "", CLI_SET_TEXT, 0, 0},
    {"LAMTHEO_LOG_LEVEL", "mức ghi nhật ký truy cập", "serve: which requests the access log has: info, every "
     "one (default); warn, those answered 4xx or 5xx; error, those answered 5xx.", "info", CLI_SET_LEVEL, 0, 0},
    {"LAMTHEO_LOG_FILE", "tệp nhật ký", "serve: a file the log is appended to instead of standard error "
     "(created 0640); SIGHUP opens it again, for logrotate.", "", CLI_SET_TEXT, 0, 0},
    {"LAMTHEO_AUDIO_RENDERS", "số bản tin MP3 tạo cùng lúc", "serve: MP3 bulletins made at once, 1-64 (default "
     "2; 503 beyond).", "2", CLI_SET_INT, 1, 64},
    {"LAMTHEO_AUDIO_CACHE_FILES", "số bản tin MP3 giữ lại", "serve: MP3 bulletins kept, 0-100000 (default 256).",
     "256", CLI_SET_INT, 0, 100000},
    {"LAMTHEO_AUDIO_CACHE_BYTES", "số byte bản tin MP3 giữ lại", "serve: bytes of MP3 bulletins kept (default "
     "64 MiB).", "67108864", CLI_SET_INT, 0, 1L << 40},
    {"LAMTHEO_BACKUP_DIR", "thư mục sao lưu", "backup: the folder of dated copies when neither FILE nor --dir "
     "is given.", "", CLI_SET_TEXT, 0, 0},
    {"LAMTHEO_BACKUP_KEEP_DAILY", "số bản sao lưu hằng ngày giữ lại", "backup --dir: daily copies kept when "
     "--keep-daily is not given, 1-3650 (default 7).", "7", CLI_SET_INT, 1, 3650},
    {"LAMTHEO_BACKUP_KEEP_WEEKLY", "số bản sao lưu hằng tuần giữ lại", "backup --dir: weekly copies kept "
     "before the daily ones when --keep-weekly is not given, 0-3650 (default 4).", "4", CLI_SET_INT, 0, 3650},
    {"LAMTHEO_TODAY", "ngày hôm nay (chỉ để kiểm thử)", "For tests only: today's date (yyyy-mm-dd) instead of "
     "the clock's, in Vietnam.", "", CLI_SET_TEXT, 0, 0},
    {"TMPDIR", "thư mục tệp tạm", "Where serve keeps its folder of MP3 bulletins and uploaded files (default "
     "/tmp).", "/tmp", CLI_SET_TEXT, 0, 0},
};
const int cli_setting_count = (int)LT_ARRAY_LEN(cli_settings);
