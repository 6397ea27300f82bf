/*
 * testsuite/bench/fpmath.c — benchmark (c): double-precision floating point.
 *
 * Three kernels, all in IEEE double:
 *   - n-body: the classic five-body (Sun + four gas giants) simulation,
 *     with +, -, *, / and sqrt in a dependent chain;
 *   - Mandelbrot: iteration counts over a grid (multiply/add, compares,
 *     int <-> double conversions, an unpredictable loop exit);
 *   - matrix multiply: 190x190 doubles, loads/stores of FP values.
 * What it stresses in an emulator: FP instruction handling — rounding-mode
 * and exception-flag (fflags) bookkeeping, NaN-boxing, helper calls for
 * operations done in software, FP loads and stores.
 *
 * Determinism: only +, -, *, / and sqrt are used; they are correctly rounded
 * in IEEE 754, so riscv64 and x86-64 (SSE2) produce the same bits as long as
 * the compiler does not fuse a*b+c into one FMA — build with
 * -ffp-contract=off. The checksum hashes the raw bits of the results.
 *
 * Usage: fpmath [SCALE_PERCENT]   prints "checksum fpmath <hex>"
 */
#include <math.h>
#include "bench.h"

#define ROUNDS      14        /* rounds at scale 100 */
#define NBODY_STEPS 60000     /* n-body steps per round */
#define MANDEL_W    240       /* Mandelbrot grid per round: W x H points */
#define MANDEL_H    180
#define MANDEL_MAX  200       /* iteration limit per point */
#define MAT_N       190       /* matrix size */

/* ---- n-body ------------------------------------------------------------ */

#define PI            3.141592653589793
#define SOLAR_MASS    (4 * PI * PI)
#define DAYS_PER_YEAR 365.24
#define NBODIES       5

struct body {
    double x, y, z, vx, vy, vz, mass;
};

static const struct body initial_bodies[NBODIES] = {
    { 0, 0, 0, 0, 0, 0, SOLAR_MASS },                                   /* Sun */
    { 4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01,
      1.66007664274403694e-03 * DAYS_PER_YEAR, 7.69901118419740425e-03 * DAYS_PER_YEAR,
      -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS },
    { 8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01,
      -2.76742510726862411e-03 * DAYS_PER_YEAR, 4.99852801234917238e-03 * DAYS_PER_YEAR,
      2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS },
    { 1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01,
      2.96460137564761618e-03 * DAYS_PER_YEAR, 2.37847173959480950e-03 * DAYS_PER_YEAR,
      -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS },
    { 1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01,
      2.68067772490389322e-03 * DAYS_PER_YEAR, 1.62824170038242295e-03 * DAYS_PER_YEAR,
      -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS },
};

static struct body bodies[NBODIES];

/* Gives the Sun the momentum that makes the system's total momentum zero. */
static void offset_momentum(void)
{
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < NBODIES; i++) {
        px += bodies[i].vx * bodies[i].mass;
        py += bodies[i].vy * bodies[i].mass;
        pz += bodies[i].vz * bodies[i].mass;
    }
    bodies[0].vx = -px / SOLAR_MASS;
    bodies[0].vy = -py / SOLAR_MASS;
    bodies[0].vz = -pz / SOLAR_MASS;
}

static void advance(double dt)
{
    for (int i = 0; i < NBODIES; i++) {
        struct body *a = &bodies[i];
        for (int j = i + 1; j < NBODIES; j++) {
            struct body *b = &bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * sqrt(d2));
            a->vx -= dx * b->mass * mag;
            a->vy -= dy * b->mass * mag;
            a->vz -= dz * b->mass * mag;
            b->vx += dx * a->mass * mag;
            b->vy += dy * a->mass * mag;
            b->vz += dz * a->mass * mag;
        }
    }
    for (int i = 0; i < NBODIES; i++) {
        bodies[i].x += dt * bodies[i].vx;
        bodies[i].y += dt * bodies[i].vy;
        bodies[i].z += dt * bodies[i].vz;
    }
}

static double energy(void)
{
    double e = 0;
    for (int i = 0; i < NBODIES; i++) {
        const struct body *a = &bodies[i];
        e += 0.5 * a->mass * (a->vx * a->vx + a->vy * a->vy + a->vz * a->vz);
        for (int j = i + 1; j < NBODIES; j++) {
            const struct body *b = &bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            e -= a->mass * b->mass / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

/* Simulates NBODY_STEPS steps from the initial state (the time step varies
 * a little per round) and returns the energy before and after, hashed. */
static uint64_t nbody_round(long r)
{
    for (int i = 0; i < NBODIES; i++)
        bodies[i] = initial_bodies[i];
    offset_momentum();
    uint64_t h = bench_double_bits(energy());
    double dt = 0.01 + 0.0001 * (double)r;
    for (int s = 0; s < NBODY_STEPS; s++)
        advance(dt);
    return bench_mix(h, bench_double_bits(energy()));
}

/* ---- Mandelbrot ----------------------------------------------------------- */

/* Sum of iteration counts over a grid; the window shifts a little per round. */
static uint64_t mandel_round(long r)
{
    uint64_t total = 0;
    double x0 = -2.0 + 0.001 * (double)r, y0 = -1.2;
    double step = 2.4 / MANDEL_H;
    for (int py = 0; py < MANDEL_H; py++) {
        double ci = y0 + step * py;
        for (int px = 0; px < MANDEL_W; px++) {
            double cr = x0 + step * px;
            double zr = 0, zi = 0, zr2 = 0, zi2 = 0;
            int it = 0;
            while (it < MANDEL_MAX && zr2 + zi2 <= 4.0) {
                zi = 2.0 * zr * zi + ci;
                zr = zr2 - zi2 + cr;
                zr2 = zr * zr;
                zi2 = zi * zi;
                it++;
            }
            total = total * 3 + (uint64_t)it;
        }
    }
    return total;
}

/* ---- matrix multiply -------------------------------------------------------- */

static double ma[MAT_N][MAT_N], mb[MAT_N][MAT_N], mc[MAT_N][MAT_N];

/* C = A * B for A, B filled with small fractions; returns a hash of C. */
static uint64_t matmul_round(long r)
{
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++) {
            ma[i][j] = (double)((i * 7 + j * 3 + r) % 17 - 8) / 8.0;
            mb[i][j] = (double)((i * 5 + j * 11 + r) % 13 - 6) / 3.0;
            mc[i][j] = 0;
        }
    for (int i = 0; i < MAT_N; i++)
        for (int k = 0; k < MAT_N; k++) {
            double a = ma[i][k];
            for (int j = 0; j < MAT_N; j++)
                mc[i][j] += a * mb[k][j];
        }
    uint64_t h = 0;
    for (int i = 0; i < MAT_N; i++)
        for (int j = 0; j < MAT_N; j++)
            h = h * 31 + bench_double_bits(mc[i][j]);
    return h;
}

int main(int argc, char **argv)
{
    long rounds = bench_scaled(ROUNDS, bench_scale(argc, argv));
    uint64_t sum = 0;
    for (long r = 0; r < rounds; r++) {
        sum = bench_mix(sum, nbody_round(r));
        sum = bench_mix(sum, mandel_round(r));
        sum = bench_mix(sum, matmul_round(r));
    }
    bench_print_checksum("fpmath", sum);
    return 0;
}
