/*
 * C anchors for the media benchmarks: libsrtp2 protect+unprotect and libopus encode/decode, called from C so the
 * managed benchmarks can be compared with the native libraries in the same run. Built by build.sh into
 * libintercom_anchors.so (loaded by tests/Intercom.Benchmarks) and into the stand-alone native-bench program.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <opus/opus.h>
#include <srtp2/srtp.h>

#include "anchors.h"

struct srtp_anchor {
    srtp_t sender;
    srtp_t receiver;
    uint8_t packet[2048];
    int length;
    uint16_t sequence;
};

static int srtp_initialised;

static int make_session(srtp_t *session, srtp_profile_t profile, const uint8_t *key, int inbound)
{
    srtp_policy_t policy;
    memset(&policy, 0, sizeof(policy));
    srtp_crypto_policy_set_from_profile_for_rtp(&policy.rtp, profile);
    srtp_crypto_policy_set_from_profile_for_rtcp(&policy.rtcp, profile);
    policy.ssrc.type = inbound ? ssrc_any_inbound : ssrc_any_outbound;
    policy.key = (unsigned char *)key;
    policy.window_size = 128;
    return srtp_create(session, &policy) == srtp_err_status_ok ? 0 : -1;
}

void *anchor_srtp_new(int profile, int payload_bytes, const uint8_t *key_and_salt)
{
    struct srtp_anchor *anchor = calloc(1, sizeof(*anchor));
    if (!anchor || payload_bytes > 1500) {
        free(anchor);
        return NULL;
    }
    if (!srtp_initialised) {
        srtp_init();
        srtp_initialised = 1;
    }
    if (make_session(&anchor->sender, (srtp_profile_t)profile, key_and_salt, 0) != 0
        || make_session(&anchor->receiver, (srtp_profile_t)profile, key_and_salt, 1) != 0) {
        free(anchor);
        return NULL;
    }
    /* RTP version 2, payload type 0, SSRC 0x1234, payload bytes counting up. */
    anchor->packet[0] = 0x80;
    anchor->packet[11] = 0x34;
    anchor->packet[10] = 0x12;
    for (int i = 0; i < payload_bytes; i++)
        anchor->packet[12 + i] = (uint8_t)i;
    anchor->length = 12 + payload_bytes;
    return anchor;
}

int anchor_srtp_run(void *handle, int iterations)
{
    struct srtp_anchor *anchor = handle;
    int failures = 0;
    for (int i = 0; i < iterations; i++) {
        int length = anchor->length;
        anchor->sequence++;
        anchor->packet[2] = (uint8_t)(anchor->sequence >> 8);
        anchor->packet[3] = (uint8_t)anchor->sequence;
        failures += srtp_protect(anchor->sender, anchor->packet, &length) != srtp_err_status_ok;
        failures += srtp_unprotect(anchor->receiver, anchor->packet, &length) != srtp_err_status_ok;
    }
    return failures;
}

void anchor_srtp_free(void *handle)
{
    struct srtp_anchor *anchor = handle;
    if (!anchor)
        return;
    srtp_dealloc(anchor->sender);
    srtp_dealloc(anchor->receiver);
    free(anchor);
}

#define OPUS_PACKETS 50

struct opus_anchor {
    OpusEncoder *encoder;
    OpusDecoder *decoder;
    int frame;
    int16_t *pcm;
    int pcm_frames;
    int next_frame;
    uint8_t packets[OPUS_PACKETS][1500];
    int packet_lengths[OPUS_PACKETS];
    int16_t output[5760];
    int next_packet;
};

void *anchor_opus_new(int rate, const int16_t *pcm, int samples)
{
    int error = 0;
    struct opus_anchor *anchor = calloc(1, sizeof(*anchor));
    if (!anchor)
        return NULL;
    anchor->frame = rate / 50;
    anchor->pcm_frames = samples / anchor->frame;
    anchor->pcm = malloc(sizeof(int16_t) * (size_t)samples);
    memcpy(anchor->pcm, pcm, sizeof(int16_t) * (size_t)samples);
    /* The same settings as Intercom.Media's OpusEncoder defaults. */
    anchor->encoder = opus_encoder_create(rate, 1, OPUS_APPLICATION_VOIP, &error);
    opus_encoder_ctl(anchor->encoder, OPUS_SET_BITRATE(32000));
    opus_encoder_ctl(anchor->encoder, OPUS_SET_COMPLEXITY(5));
    opus_encoder_ctl(anchor->encoder, OPUS_SET_SIGNAL(OPUS_SIGNAL_VOICE));
    opus_encoder_ctl(anchor->encoder, OPUS_SET_INBAND_FEC(1));
    opus_encoder_ctl(anchor->encoder, OPUS_SET_PACKET_LOSS_PERC(10));
    anchor->decoder = opus_decoder_create(rate, 1, &error);
    for (int i = 0; i < OPUS_PACKETS; i++) {
        anchor->packet_lengths[i] = opus_encode(anchor->encoder, anchor->pcm + (i % anchor->pcm_frames) * anchor->frame,
                                                anchor->frame, anchor->packets[i], 1500);
    }
    return anchor;
}

int anchor_opus_encode_run(void *handle, int iterations)
{
    struct opus_anchor *anchor = handle;
    uint8_t packet[1500];
    int total = 0;
    for (int i = 0; i < iterations; i++) {
        total += opus_encode(anchor->encoder, anchor->pcm + anchor->next_frame * anchor->frame, anchor->frame, packet, sizeof(packet));
        anchor->next_frame = (anchor->next_frame + 1) % anchor->pcm_frames;
    }
    return total;
}

int anchor_opus_decode_run(void *handle, int iterations)
{
    struct opus_anchor *anchor = handle;
    int total = 0;
    for (int i = 0; i < iterations; i++) {
        int p = anchor->next_packet;
        total += opus_decode(anchor->decoder, anchor->packets[p], anchor->packet_lengths[p], anchor->output, anchor->frame, 0);
        anchor->next_packet = (p + 1) % OPUS_PACKETS;
    }
    return total;
}

void anchor_opus_free(void *handle)
{
    struct opus_anchor *anchor = handle;
    if (!anchor)
        return;
    opus_encoder_destroy(anchor->encoder);
    opus_decoder_destroy(anchor->decoder);
    free(anchor->pcm);
    free(anchor);
}
