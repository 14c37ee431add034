// Undertone's bridge to whisper.cpp, loaded at run time with dlopen: the product builds, tests and runs without the
// library, and uses it when `scripts/install-speech.sh` has installed it. Only the few functions Undertone calls are
// looked up; their declarations (in whisper_runtime.c) are written from whisper.cpp's documented C API, version 1.8.
#ifndef UNDERTONE_CWHISPER_H
#define UNDERTONE_CWHISPER_H

#include <stddef.h>

/// A loaded library and model: shared, read-only, by every decoder.
typedef struct ut_whisper ut_whisper;
/// One decoder's working memory (a whisper_state): one per thread that decodes.
typedef struct ut_whisper_decoder ut_whisper_decoder;

/// What one decode produced.
typedef struct ut_whisper_result {
    /// The text of every segment joined, UTF-8, owned by the decoder until its next decode.
    const char *text;
    /// Text tokens decoded (special tokens aside).
    int tokens;
    /// The mean probability of those tokens, 0 when there were none.
    float mean_probability;
    /// The highest no-speech probability among the segments (0 when there were none).
    float no_speech_probability;
    /// The language decoded in ("en", "es"): the one asked for, or the one whisper.cpp detected; static, or NULL when
    /// whisper.cpp does not say.
    const char *language;
} ut_whisper_result;

/// How to decode one utterance.
typedef struct ut_whisper_options {
    /// whisper.cpp's threads for this decode (at least 1).
    int threads;
    /// The language spoken ("es"); NULL or "" to let a multilingual model detect it. An English-only model always
    /// decodes English.
    const char *language;
    /// The encoder's context in frames of 20 ms (1500 = the full 30 s window); 0 for the full window.
    int audio_ctx;
    /// Whether a decode that fails whisper.cpp's entropy and log-probability checks is tried again at higher
    /// temperatures (whisper.cpp's default; each retry costs another decode).
    int temperature_fallback;
    /// The most text tokens one decode may produce (0: whisper.cpp's own bound, half its text context): a decode stuck
    /// repeating itself stops here, and so does each retry of the fallback.
    int max_tokens;
} ut_whisper_options;

/// Loads the library at `library_path` and the ggml model at `model_path`. Returns NULL and writes a reason into
/// `error` (always NUL-terminated) when either cannot be used.
ut_whisper *ut_whisper_open(const char *library_path, const char *model_path, int verbose, char *error, size_t error_size);
/// The library's version string ("1.8.5").
const char *ut_whisper_version(const ut_whisper *whisper);
/// 1 when the model reads many languages, 0 for an English-only (".en") model.
int ut_whisper_is_multilingual(const ut_whisper *whisper);
/// A decoder for one thread; NULL when memory ran out.
ut_whisper_decoder *ut_whisper_decoder_create(ut_whisper *whisper);
/// Transcribes 16 kHz mono samples in [-1, 1] (greedy, no timestamps, no context carried between calls). Returns 0
/// on success; the result's text stays valid until the decoder's next call.
int ut_whisper_decode(ut_whisper_decoder *decoder, const float *samples, int count, ut_whisper_options options, ut_whisper_result *result);
void ut_whisper_decoder_free(ut_whisper_decoder *decoder);
/// Frees the model; the library stays mapped (unloading code other threads may have run is not worth the risk).
void ut_whisper_close(ut_whisper *whisper);

#endif
