/*
** watch.c — every connection of `lamtheo serve` gets a deadline by which
** what it is sending must be complete, and one thread closes the sockets
** that pass theirs.  libmicrohttpd's own timeout (CONNECTION_TIMEOUT) is
** an idle timeout: every byte received starts it again, so a client that
** trickles a header one byte at a time keeps its connection for ever.
** server.c sets the deadlines: the request header within the request
** timeout of the connection opening or of its previous answer, then the
** body within a time that grows with its size; none while the request is
** answered.  The watcher shuts a late socket down (shutdown(2), not
** close: the descriptor stays libmicrohttpd's), which libmicrohttpd then
** reads as the client's end and closes like any other.  A connection is
** unregistered (web_conn_close) before libmicrohttpd closes its socket,
** under the same lock the watcher holds, so the watcher never touches a
** descriptor number that already belongs to another socket.
*/
#include "web.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#define WATCH_TICK_MS 100 /* how late past its deadline a socket may be shut */

struct web_conn {
    int fd;
    char addr[64];                 /* the peer, for the log */
    _Atomic long long deadline_ms; /* monotonic; 0: none */
    web_conn *prev, *next;
};

static pthread_mutex_t watch_lock = PTHREAD_MUTEX_INITIALIZER;
static web_conn *watch_head;        /* every open connection, under watch_lock */
static pthread_t watch_thread;
static atomic_int watch_stopping;
static int watch_running;

/* Milliseconds of CLOCK_MONOTONIC. */
static long long now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

web_conn *web_conn_open(int fd, const char *addr, double seconds) {
    web_conn *wc = calloc(1, sizeof *wc);
    if (!wc) return NULL;
    wc->fd = fd;
    snprintf(wc->addr, sizeof wc->addr, "%s", addr);
    web_conn_deadline(wc, seconds);
    pthread_mutex_lock(&watch_lock);
    wc->next = watch_head;
    if (watch_head) watch_head->prev = wc;
    watch_head = wc;
    pthread_mutex_unlock(&watch_lock);
    return wc;
}

void web_conn_close(web_conn *wc) {
    if (!wc) return;
    pthread_mutex_lock(&watch_lock);
    if (wc->prev) wc->prev->next = wc->next;
    else watch_head = wc->next;
    if (wc->next) wc->next->prev = wc->prev;
    pthread_mutex_unlock(&watch_lock);
    free(wc);
}

void web_conn_deadline(web_conn *wc, double seconds) {
    if (wc) atomic_store(&wc->deadline_ms, seconds > 0 ? now_ms() + (long long)(seconds * 1000) : 0);
}

/* Shut down every socket past its deadline (each once). */
static void watch_sweep(void) {
    long long now = now_ms();
    pthread_mutex_lock(&watch_lock);
    for (web_conn *wc = watch_head; wc; wc = wc->next) {
        long long d = atomic_load(&wc->deadline_ms);
        if (d == 0 || now < d || !atomic_compare_exchange_strong(&wc->deadline_ms, &d, 0)) continue;
        shutdown(wc->fd, SHUT_RDWR);
        fprintf(stderr, "lamtheo serve: %s: đóng kết nối: yêu cầu không gửi xong đúng hạn "
                        "(closed: the request was not complete in time)\n", wc->addr);
    }
    pthread_mutex_unlock(&watch_lock);
}

static void *watch_main(void *arg) {
    (void)arg;
    const struct timespec tick = {0, WATCH_TICK_MS * 1000000L};
    while (!atomic_load(&watch_stopping)) {
        nanosleep(&tick, NULL);
        watch_sweep();
    }
    return NULL;
}

int web_watch_start(lt_err *e) {
    atomic_store(&watch_stopping, 0);
    if (pthread_create(&watch_thread, NULL, watch_main, NULL) != 0)
        return lt_err_set(e, LT_EIO, "không khởi động được luồng canh thời hạn kết nối",
                          "cannot start the connection deadline thread");
    watch_running = 1;
    return LT_OK;
}

void web_watch_stop(void) {
    if (!watch_running) return;
    atomic_store(&watch_stopping, 1);
    pthread_join(watch_thread, NULL);
    watch_running = 0;
}
