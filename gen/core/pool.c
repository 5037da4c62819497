/*
 * pool.c — work spread over threads: every item of a list handed to
 * the next idle thread, the calling thread one of them.  Whatever the
 * order items are done in, each has its own slot for its results, so
 * the output does not depend on the number of threads.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "core/core_int.h"

struct pool {
	const struct pool_job	*job;
	atomic_size_t		 next;
	atomic_size_t		 done;
};

struct pool_thread {
	struct pool	*p;
	int		 worker;
};

/* Take items until there are none or the job says stop. */
static void
pool_work(struct pool *p, int worker)
{
	const struct pool_job	*j = p->job;
	size_t			 k;

	while ((j->stopped == NULL || !j->stopped(j->arg)) &&
	    (k = atomic_fetch_add(&p->next, 1)) < j->n) {
		j->fn(j->arg, worker, j->items ? j->items[k] : k);
		atomic_fetch_add(&p->done, 1);
		if (worker == 0 && j->progress != NULL)
			j->progress(j->parg, j->what, atomic_load(&p->done),
			    j->n);
	}
}

static void *
pool_thread(void *arg)
{
	struct pool_thread	*t = arg;

	pool_work(t->p, t->worker);
	return NULL;
}

/* Run j: fn(arg, worker, item) for every item, on at most j->threads
 * threads (workers 0..threads-1, the caller being 0; fewer when thread
 * creation fails or there are fewer items). */
void
pool_run(const struct pool_job *j)
{
	struct pool		 p;
	pthread_t		 th[POOL_MAX];
	struct pool_thread	 ta[POOL_MAX];
	int			 i, nt = j->threads, started = 0;

	if (j->n == 0)
		return;
	p.job = j;
	atomic_init(&p.next, 0);
	atomic_init(&p.done, 0);
	if (nt > POOL_MAX)
		nt = POOL_MAX;
	if ((size_t)nt > j->n)
		nt = (int)j->n;
	for (i = 1; i < nt; i++) {
		ta[i].p = &p;
		ta[i].worker = i;
		if (pthread_create(&th[i], NULL, pool_thread, &ta[i]) != 0)
			break;
		started++;
	}
	pool_work(&p, 0);
	for (i = 1; i <= started; i++)
		pthread_join(th[i], NULL);
}
