/* nbody: gravitational N-body simulation (48 bodies, pairwise forces, symplectic Euler) in
 * double precision, SIZE time steps. FP add/mul/div/sqrt. The checksum hashes the bit
 * patterns of the final state, so FMA contraction is turned off (riscv64 GCC contracts a*b+c
 * into fmadd by default, x86-64 without -mfma does not, and the results would differ in the
 * last bits). */
#pragma GCC optimize("fp-contract=off")
#include "bench.h"
#include <math.h>

#define NB 48

struct body {
	double x, y, z, vx, vy, vz, m;
};

static struct body bodies[NB];

static double uniform(void) /* exactly representable: k / 2^20 in [0, 1) */
{
	return (double)(rng() >> 44) / 1048576.0;
}

static NOINLINE void step(double dt)
{
	for (int i = 0; i < NB; i++) {
		struct body *a = &bodies[i];
		for (int j = i + 1; j < NB; j++) {
			struct body *b = &bodies[j];
			double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
			double d2 = dx * dx + dy * dy + dz * dz + 0.01;
			double mag = dt / (d2 * sqrt(d2));
			double ma = a->m * mag, mb = b->m * mag;
			a->vx -= dx * mb; a->vy -= dy * mb; a->vz -= dz * mb;
			b->vx += dx * ma; b->vy += dy * ma; b->vz += dz * ma;
		}
	}
	for (int i = 0; i < NB; i++) {
		struct body *a = &bodies[i];
		a->x += dt * a->vx;
		a->y += dt * a->vy;
		a->z += dt * a->vz;
	}
}

static double energy(void)
{
	double e = 0;
	for (int i = 0; i < NB; i++) {
		struct body *a = &bodies[i];
		e += 0.5 * a->m * (a->vx * a->vx + a->vy * a->vy + a->vz * a->vz);
		for (int j = i + 1; j < NB; j++) {
			struct body *b = &bodies[j];
			double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
			e -= a->m * b->m / sqrt(dx * dx + dy * dy + dz * dz + 0.01);
		}
	}
	return e;
}

static uint64_t bits(double d)
{
	uint64_t u;
	memcpy(&u, &d, sizeof u);
	return u;
}

int main(int argc, char **argv)
{
	long n = bench_size(argc, argv, 150000);
	for (int i = 0; i < NB; i++) {
		struct body *b = &bodies[i];
		b->x = 10 * uniform() - 5;
		b->y = 10 * uniform() - 5;
		b->z = 10 * uniform() - 5;
		b->vx = uniform() - 0.5;
		b->vy = uniform() - 0.5;
		b->vz = uniform() - 0.5;
		b->m = 0.01 + uniform() / 64;
	}
	double e0 = energy();
	for (long s = 0; s < n; s++)
		step(0.001);
	double e1 = energy();
	uint64_t sum = mix64(MIX_INIT, bits(e0));
	sum = mix64(sum, bits(e1));
	for (int i = 0; i < NB; i++) {
		sum = mix64(sum, bits(bodies[i].x));
		sum = mix64(sum, bits(bodies[i].vy));
		sum = mix64(sum, bits(bodies[i].z));
	}
	bench_result("nbody", n, sum);
	return 0;
}
