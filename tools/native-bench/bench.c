/* Stand-alone C timing of the anchors: native-bench prints nanoseconds per operation. */
#include <math.h>
#include <stdio.h>
#include <time.h>

#include "anchors.h"

static double now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static double median_ns(int (*run)(void *, int), void *handle, int iterations)
{
    double samples[15];
    run(handle, iterations); /* warm-up */
    for (int r = 0; r < 15; r++) {
        double start = now_ns();
        run(handle, iterations);
        samples[r] = (now_ns() - start) / iterations;
    }
    for (int i = 0; i < 15; i++)
        for (int j = i + 1; j < 15; j++)
            if (samples[j] < samples[i]) {
                double t = samples[i];
                samples[i] = samples[j];
                samples[j] = t;
            }
    return samples[7];
}

int main(void)
{
    uint8_t key[30];
    for (int i = 0; i < 30; i++)
        key[i] = (uint8_t)(i * 7 + 1);
    const char *names[] = {"AES_CM_128_HMAC_SHA1_80", "AEAD_AES_128_GCM"};
    const int profiles[] = {1, 7};
    for (int s = 0; s < 2; s++)
        for (int payload = 160; payload <= 960; payload += 800) {
            void *anchor = anchor_srtp_new(profiles[s], payload, key);
            printf("libsrtp2 %-24s %4d B protect+unprotect: %8.1f ns\n", names[s], payload, median_ns(anchor_srtp_run, anchor, 2000));
            anchor_srtp_free(anchor);
        }
    for (int rate = 16000; rate <= 48000; rate += 32000) {
        static int16_t pcm[48000];
        for (int n = 0; n < rate; n++)
            pcm[n] = (int16_t)(8000 * sin(2 * M_PI * 140 * n / rate) + 3000 * sin(2 * M_PI * 1100 * n / rate));
        void *anchor = anchor_opus_new(rate, pcm, rate);
        printf("libopus %d Hz 20 ms encode: %8.1f ns\n", rate, median_ns(anchor_opus_encode_run, anchor, 200));
        printf("libopus %d Hz 20 ms decode: %8.1f ns\n", rate, median_ns(anchor_opus_decode_run, anchor, 200));
        anchor_opus_free(anchor);
    }
    return 0;
}
