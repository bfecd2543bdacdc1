/*
** lane.c — the server's write lane: threads of their own for the requests
** that write.  The store lets one transaction write at a time (its write
** gate), so a write may wait there; a libmicrohttpd worker that waited
** made every other connection it serves wait with it — in the season, a
** dashboard behind the registrations queued on its worker.  server.c
** suspends a write's connection and hands the request here; a lane thread
** runs it and resumes the connection, whose worker then sends the answer.
** Reads stay on the workers and never wait for the gate.
**
** The queue is a ring as long as the server's connection limit (each
** connection has at most one request in it), so a push fails only when the
** lane is not running (server.c then answers 503: the server is stopping).
** When the lane stops, a job still queued is run with cancelled set
** (nothing of it done: its connection is only resumed), and a job under
** way finishes.
*/
#include "web.h"

#include <pthread.h>
#include <stdio.h>

#define LANE_QUEUE WEB_MAX_CONNECTIONS
#define LANE_MAX_THREADS 64

typedef struct {
    web_lane_fn run;
    void *arg;
} lane_job;

static pthread_mutex_t lane_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t lane_ready = PTHREAD_COND_INITIALIZER;
static lane_job lane_ring[LANE_QUEUE]; /* under lane_lock */
static unsigned lane_head, lane_count;
static int lane_running, lane_stopping;
static pthread_t lane_threads[LANE_MAX_THREADS];
static unsigned lane_nthreads;

/* The next job, waiting for one; 0 when the lane stops with none left. */
static int lane_take(lane_job *job) {
    pthread_mutex_lock(&lane_lock);
    while (!lane_count && !lane_stopping) pthread_cond_wait(&lane_ready, &lane_lock);
    int got = lane_count > 0;
    if (got) {
        *job = lane_ring[lane_head];
        lane_head = (lane_head + 1) % LANE_QUEUE;
        lane_count--;
    }
    int cancelled = lane_stopping;
    pthread_mutex_unlock(&lane_lock);
    return got ? 1 + cancelled : 0;
}

static void *lane_main(void *unused) {
    (void)unused;
    lane_job job;
    int got;
    while ((got = lane_take(&job)) != 0) job.run(job.arg, got == 2);
    return NULL;
}

int web_lane_start(unsigned threads, lt_err *e) {
    if (threads < 1) threads = 1;
    if (threads > LANE_MAX_THREADS) threads = LANE_MAX_THREADS;
    lane_stopping = 0;
    for (lane_nthreads = 0; lane_nthreads < threads; lane_nthreads++) {
        if (pthread_create(&lane_threads[lane_nthreads], NULL, lane_main, NULL) != 0) {
            web_lane_stop();
            return lt_err_set(e, LT_EIO, "không tạo được luồng ghi của máy chủ",
                              "cannot start the server's write threads");
        }
    }
    pthread_mutex_lock(&lane_lock);
    lane_running = 1;
    pthread_mutex_unlock(&lane_lock);
    return LT_OK;
}

int web_lane_push(web_lane_fn run, void *arg) {
    pthread_mutex_lock(&lane_lock);
    int ok = lane_running && !lane_stopping && lane_count < LANE_QUEUE;
    if (ok) {
        lane_ring[(lane_head + lane_count) % LANE_QUEUE] = (lane_job){run, arg};
        lane_count++;
        pthread_cond_signal(&lane_ready);
    }
    pthread_mutex_unlock(&lane_lock);
    return ok ? LT_OK : LT_EBUSY;
}

void web_lane_stop(void) {
    pthread_mutex_lock(&lane_lock);
    lane_stopping = 1;
    lane_running = 0;
    pthread_cond_broadcast(&lane_ready);
    pthread_mutex_unlock(&lane_lock);
    for (unsigned i = 0; i < lane_nthreads; i++) pthread_join(lane_threads[i], NULL);
    lane_nthreads = 0;
}
