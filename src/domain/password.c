/*
** password.c — passwords hashed and checked with Argon2id (libsodium) at
** the project's parameters, at most as many at once as the machine has
** cores.  Each hash holds 64 MiB for its whole run; in a registration
** season's morning, 16 logins on 16 workers would hold 1 GiB and still go
** two at a time on two cores, so the others wait here instead, without
** their memory.
*/
#include "domain_int.h"

#include <sodium.h>
#include <string.h>
#include <unistd.h>

static pthread_mutex_t pw_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pw_freed = PTHREAD_COND_INITIALIZER;
static int pw_running, pw_most;

static int pw_limit(void) {
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    return cpus < 1 ? 1 : cpus > 64 ? 64 : (int)cpus;
}

static void pw_enter(void) {
    int limit = pw_limit();
    pthread_mutex_lock(&pw_lock);
    while (pw_running >= limit) pthread_cond_wait(&pw_freed, &pw_lock);
    if (++pw_running > pw_most) pw_most = pw_running;
    pthread_mutex_unlock(&pw_lock);
}

static void pw_leave(void) {
    pthread_mutex_lock(&pw_lock);
    pw_running--;
    pthread_cond_signal(&pw_freed);
    pthread_mutex_unlock(&pw_lock);
}

int pw_hash(char *out, const char *password) {
    pw_enter();
    int rc = crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                               crypto_pwhash_MEMLIMIT_INTERACTIVE);
    pw_leave();
    return rc == 0 ? 0 : -1;
}

int pw_verify(const char *hash, const char *password) {
    pw_enter();
    int rc = crypto_pwhash_str_verify(hash, password, strlen(password));
    pw_leave();
    return rc == 0;
}

int pw_most_at_once(void) {
    pthread_mutex_lock(&pw_lock);
    int most = pw_most;
    pthread_mutex_unlock(&pw_lock);
    return most;
}
