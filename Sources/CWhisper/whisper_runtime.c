// whisper.cpp through dlopen. The types below are Undertone's own declarations of the parts of whisper.cpp's public C
// API (version 1.8) that it uses: the two parameter structs are passed by value, so their layout must be the library's;
// ut_whisper_open refuses any other major.minor version rather than guess.
#include "CWhisper.h"

#include <dlfcn.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// MARK: whisper.cpp 1.8's C API, as documented

struct wh_context;
struct wh_state;
typedef int32_t wh_token;

struct wh_aheads {
    size_t n_heads;
    const void *heads;
};

struct wh_context_params {
    bool use_gpu;
    bool flash_attn;
    int gpu_device;
    bool dtw_token_timestamps;
    int dtw_aheads_preset;
    int dtw_n_top;
    struct wh_aheads dtw_aheads;
    size_t dtw_mem_size;
};

struct wh_vad_params {
    float threshold;
    int min_speech_duration_ms;
    int min_silence_duration_ms;
    float max_speech_duration_s;
    int speech_pad_ms;
    float samples_overlap;
};

struct wh_full_params {
    int strategy;
    int n_threads;
    int n_max_text_ctx;
    int offset_ms;
    int duration_ms;
    bool translate;
    bool no_context;
    bool no_timestamps;
    bool single_segment;
    bool print_special;
    bool print_progress;
    bool print_realtime;
    bool print_timestamps;
    bool token_timestamps;
    float thold_pt;
    float thold_ptsum;
    int max_len;
    bool split_on_word;
    int max_tokens;
    bool debug_mode;
    int audio_ctx;
    bool tdrz_enable;
    const char *suppress_regex;
    const char *initial_prompt;
    bool carry_initial_prompt;
    const wh_token *prompt_tokens;
    int prompt_n_tokens;
    const char *language;
    bool detect_language;
    bool suppress_blank;
    bool suppress_nst;
    float temperature;
    float max_initial_ts;
    float length_penalty;
    float temperature_inc;
    float entropy_thold;
    float logprob_thold;
    float no_speech_thold;
    struct {
        int best_of;
    } greedy;
    struct {
        int beam_size;
        float patience;
    } beam_search;
    void *new_segment_callback;
    void *new_segment_callback_user_data;
    void *progress_callback;
    void *progress_callback_user_data;
    void *encoder_begin_callback;
    void *encoder_begin_callback_user_data;
    void *abort_callback;
    void *abort_callback_user_data;
    void *logits_filter_callback;
    void *logits_filter_callback_user_data;
    const void **grammar_rules;
    size_t n_grammar_rules;
    size_t i_start_rule;
    float grammar_penalty;
    bool vad;
    const char *vad_model_path;
    struct wh_vad_params vad_params;
};

typedef void (*wh_log_callback)(int level, const char *text, void *user_data);

struct wh_api {
    const char *(*version)(void);
    void (*log_set)(wh_log_callback callback, void *user_data);
    struct wh_context_params *(*context_default_params_by_ref)(void);
    void (*free_context_params)(struct wh_context_params *params);
    struct wh_context *(*init_from_file_with_params_no_state)(const char *path, struct wh_context_params params);
    struct wh_state *(*init_state)(struct wh_context *context);
    void (*free_state)(struct wh_state *state);
    void (*free)(struct wh_context *context);
    struct wh_full_params *(*full_default_params_by_ref)(int strategy);
    void (*free_params)(struct wh_full_params *params);
    int (*full_with_state)(struct wh_context *context, struct wh_state *state, struct wh_full_params params, const float *samples, int count);
    int (*full_n_segments_from_state)(struct wh_state *state);
    const char *(*full_get_segment_text_from_state)(struct wh_state *state, int segment);
    float (*full_get_segment_no_speech_prob_from_state)(struct wh_state *state, int segment);
    int (*full_n_tokens_from_state)(struct wh_state *state, int segment);
    wh_token (*full_get_token_id_from_state)(struct wh_state *state, int segment, int token);
    float (*full_get_token_p_from_state)(struct wh_state *state, int segment, int token);
    wh_token (*token_eot)(struct wh_context *context);
    int (*is_multilingual)(struct wh_context *context);
    int (*full_lang_id_from_state)(struct wh_state *state);
    const char *(*lang_str)(int id);
};

// MARK: Undertone's side

struct ut_whisper {
    void *library;
    struct wh_api api;
    struct wh_context *context;
    wh_token eot;
    bool multilingual;
};

struct ut_whisper_decoder {
    ut_whisper *whisper;
    struct wh_state *state;
    char *text;
    size_t capacity;
};

static void silent_log(int level, const char *text, void *user_data) {
    (void)level;
    (void)text;
    (void)user_data;
}

#define LOOKUP(field, name)                                                                                            \
    do {                                                                                                               \
        *(void **)(&api->field) = dlsym(library, name);                                                                \
        if (api->field == NULL) {                                                                                      \
            snprintf(error, error_size, "%s has no %s (not whisper.cpp 1.8)", library_path, name);                     \
            return false;                                                                                              \
        }                                                                                                              \
    } while (0)

static bool look_up(void *library, const char *library_path, struct wh_api *api, char *error, size_t error_size) {
    LOOKUP(version, "whisper_version");
    LOOKUP(log_set, "whisper_log_set");
    LOOKUP(context_default_params_by_ref, "whisper_context_default_params_by_ref");
    LOOKUP(free_context_params, "whisper_free_context_params");
    LOOKUP(init_from_file_with_params_no_state, "whisper_init_from_file_with_params_no_state");
    LOOKUP(init_state, "whisper_init_state");
    LOOKUP(free_state, "whisper_free_state");
    LOOKUP(free, "whisper_free");
    LOOKUP(full_default_params_by_ref, "whisper_full_default_params_by_ref");
    LOOKUP(free_params, "whisper_free_params");
    LOOKUP(full_with_state, "whisper_full_with_state");
    LOOKUP(full_n_segments_from_state, "whisper_full_n_segments_from_state");
    LOOKUP(full_get_segment_text_from_state, "whisper_full_get_segment_text_from_state");
    LOOKUP(full_get_segment_no_speech_prob_from_state, "whisper_full_get_segment_no_speech_prob_from_state");
    LOOKUP(full_n_tokens_from_state, "whisper_full_n_tokens_from_state");
    LOOKUP(full_get_token_id_from_state, "whisper_full_get_token_id_from_state");
    LOOKUP(full_get_token_p_from_state, "whisper_full_get_token_p_from_state");
    LOOKUP(token_eot, "whisper_token_eot");
    LOOKUP(is_multilingual, "whisper_is_multilingual");
    LOOKUP(full_lang_id_from_state, "whisper_full_lang_id_from_state");
    LOOKUP(lang_str, "whisper_lang_str");
    return true;
}

ut_whisper *ut_whisper_open(const char *library_path, const char *model_path, int verbose, char *error, size_t error_size) {
    if (error_size > 0) error[0] = 0;
    void *library = dlopen(library_path, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        snprintf(error, error_size, "cannot load %s: %s", library_path, dlerror());
        return NULL;
    }
    ut_whisper *whisper = calloc(1, sizeof(ut_whisper));
    if (whisper == NULL) {
        snprintf(error, error_size, "out of memory");
        return NULL;
    }
    whisper->library = library;
    if (!look_up(library, library_path, &whisper->api, error, error_size)) {
        free(whisper);
        return NULL;
    }
    const char *version = whisper->api.version();
    if (version == NULL || strncmp(version, "1.8.", 4) != 0) {
        snprintf(error, error_size, "%s is whisper.cpp %s; Undertone speaks to 1.8.x (install it with scripts/install-speech.sh)",
                 library_path, version ? version : "(unknown)");
        free(whisper);
        return NULL;
    }
    if (!verbose) whisper->api.log_set(silent_log, NULL);
    FILE *model = fopen(model_path, "rb");
    if (model == NULL) {
        snprintf(error, error_size, "cannot read the model %s", model_path);
        free(whisper);
        return NULL;
    }
    fclose(model);
    struct wh_context_params *defaults = whisper->api.context_default_params_by_ref();
    struct wh_context_params params = *defaults;
    whisper->api.free_context_params(defaults);
    params.use_gpu = false;
    whisper->context = whisper->api.init_from_file_with_params_no_state(model_path, params);
    if (whisper->context == NULL) {
        snprintf(error, error_size, "whisper.cpp could not load the model %s (not a ggml Whisper model?)", model_path);
        free(whisper);
        return NULL;
    }
    whisper->eot = whisper->api.token_eot(whisper->context);
    whisper->multilingual = whisper->api.is_multilingual(whisper->context) != 0;
    return whisper;
}

const char *ut_whisper_version(const ut_whisper *whisper) { return whisper->api.version(); }

int ut_whisper_is_multilingual(const ut_whisper *whisper) { return whisper->multilingual ? 1 : 0; }

ut_whisper_decoder *ut_whisper_decoder_create(ut_whisper *whisper) {
    ut_whisper_decoder *decoder = calloc(1, sizeof(ut_whisper_decoder));
    if (decoder == NULL) return NULL;
    decoder->whisper = whisper;
    decoder->state = whisper->api.init_state(whisper->context);
    if (decoder->state == NULL) {
        free(decoder);
        return NULL;
    }
    return decoder;
}

static bool append(ut_whisper_decoder *decoder, size_t *length, const char *text) {
    size_t extra = strlen(text);
    if (*length + extra + 1 > decoder->capacity) {
        size_t capacity = (*length + extra + 1) * 2;
        char *grown = realloc(decoder->text, capacity);
        if (grown == NULL) return false;
        decoder->text = grown;
        decoder->capacity = capacity;
    }
    memcpy(decoder->text + *length, text, extra + 1);
    *length += extra;
    return true;
}

int ut_whisper_decode(ut_whisper_decoder *decoder, const float *samples, int count, ut_whisper_options options, ut_whisper_result *result) {
    struct wh_api *api = &decoder->whisper->api;
    struct wh_full_params *defaults = api->full_default_params_by_ref(0);  // greedy
    if (defaults == NULL) return -1;
    struct wh_full_params params = *defaults;
    api->free_params(defaults);
    params.n_threads = options.threads > 0 ? options.threads : 1;
    params.no_context = true;
    params.no_timestamps = true;
    params.single_segment = false;
    params.print_special = false;
    params.print_progress = false;
    params.print_realtime = false;
    params.print_timestamps = false;
    // An English-only model knows no other language; a multilingual one is told the call's, or detects it ("auto").
    bool asked = options.language != NULL && options.language[0] != 0;
    params.language = !decoder->whisper->multilingual ? "en" : (asked ? options.language : "auto");
    params.detect_language = false;
    params.audio_ctx = options.audio_ctx > 0 ? options.audio_ctx : 0;
    if (!options.temperature_fallback) params.temperature_inc = 0.0f;
    if (options.max_tokens > 0) params.max_tokens = options.max_tokens;
    params.suppress_blank = true;
    params.suppress_nst = true;
    params.vad = false;
    int status = api->full_with_state(decoder->whisper->context, decoder->state, params, samples, count);
    if (status != 0) return status;

    size_t length = 0;
    if (!append(decoder, &length, "")) return -2;
    int tokens = 0;
    double probability = 0;
    float no_speech = 0;
    int segments = api->full_n_segments_from_state(decoder->state);
    for (int segment = 0; segment < segments; segment++) {
        const char *text = api->full_get_segment_text_from_state(decoder->state, segment);
        if (text != NULL && !append(decoder, &length, text)) return -2;
        float segment_no_speech = api->full_get_segment_no_speech_prob_from_state(decoder->state, segment);
        if (segment_no_speech > no_speech) no_speech = segment_no_speech;
        int n = api->full_n_tokens_from_state(decoder->state, segment);
        for (int token = 0; token < n; token++) {
            if (api->full_get_token_id_from_state(decoder->state, segment, token) >= decoder->whisper->eot) continue;
            probability += api->full_get_token_p_from_state(decoder->state, segment, token);
            tokens += 1;
        }
    }
    result->text = decoder->text;
    result->tokens = tokens;
    result->mean_probability = tokens > 0 ? (float)(probability / tokens) : 0;
    result->no_speech_probability = no_speech;
    int language = api->full_lang_id_from_state(decoder->state);
    // whisper.cpp's own string (static); never the caller's, which does not outlive this call.
    result->language = language >= 0 ? api->lang_str(language) : (decoder->whisper->multilingual ? NULL : "en");
    return 0;
}

void ut_whisper_decoder_free(ut_whisper_decoder *decoder) {
    if (decoder == NULL) return;
    decoder->whisper->api.free_state(decoder->state);
    free(decoder->text);
    free(decoder);
}

void ut_whisper_close(ut_whisper *whisper) {
    if (whisper == NULL) return;
    whisper->api.free(whisper->context);
    free(whisper);
}
