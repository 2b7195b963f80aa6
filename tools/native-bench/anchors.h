#ifndef INTERCOM_ANCHORS_H
#define INTERCOM_ANCHORS_H
#include <stdint.h>

void *anchor_srtp_new(int profile, int payload_bytes, const uint8_t *key_and_salt);
int anchor_srtp_run(void *handle, int iterations);
void anchor_srtp_free(void *handle);

void *anchor_opus_new(int rate, const int16_t *pcm, int samples);
int anchor_opus_encode_run(void *handle, int iterations);
int anchor_opus_decode_run(void *handle, int iterations);
void anchor_opus_free(void *handle);

#endif
