#include "casereview/engine/event.h"

#include <sodium.h>

#include <stdexcept>
#include <vector>

#include "sodium_init.h"

namespace casereview {
namespace {

void add_field(std::string& out, const std::string& value) {
  out += std::to_string(value.size());
  out += ':';
  out += value;
}

struct SodiumInit {
  SodiumInit() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  }
};

}  // namespace

void ensure_sodium() { static const SodiumInit init; }  // C++ makes this thread-safe

std::string random_hex(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> random(bytes);
  randombytes_buf(random.data(), random.size());
  std::string hex(bytes * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), random.data(), random.size());
  hex.pop_back();  // the terminating NUL
  return hex;
}

std::string sha256_hex(const std::string& data) {
  ensure_sodium();
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string compute_event_hash(const Event& e) {
  std::string canonical = e.prev_hash;
  add_field(canonical, std::to_string(e.case_id));
  add_field(canonical, std::to_string(e.seq));
  add_field(canonical, e.type);
  add_field(canonical, e.actor);
  add_field(canonical, e.recorded_at.iso());
  add_field(canonical, e.effective_date.iso());
  add_field(canonical, e.payload);
  return sha256_hex(canonical);
}

void chain_events(CaseRecord& record, std::vector<Event>& events) {
  for (Event& e : events) {
    e.case_id = record.id;
    e.seq = ++record.version;
    e.prev_hash = record.head_hash.empty() ? kGenesisHash : record.head_hash;
    e.hash = compute_event_hash(e);
    record.head_hash = e.hash;
  }
}

std::optional<ChainBreak> verify_chain(const CaseRecord& record, const std::vector<Event>& events) {
  std::string prev = kGenesisHash;
  long long expected_seq = 1;
  for (const Event& e : events) {
    if (e.case_id != record.id) {
      return ChainBreak{record.id, e.seq, "event belongs to case " + std::to_string(e.case_id)};
    }
    if (e.seq != expected_seq) {
      return ChainBreak{record.id, expected_seq,
                        "event " + std::to_string(expected_seq) + " is missing or out of order (found " +
                            std::to_string(e.seq) + ")"};
    }
    if (e.prev_hash != prev) {
      return ChainBreak{record.id, e.seq, "link to the previous event is broken"};
    }
    if (compute_event_hash(e) != e.hash) {
      return ChainBreak{record.id, e.seq, "content does not match its hash (altered)"};
    }
    prev = e.hash;
    ++expected_seq;
  }
  if (expected_seq - 1 != record.version) {
    return ChainBreak{record.id, expected_seq,
                      "the case records " + std::to_string(record.version) + " events but " +
                          std::to_string(expected_seq - 1) + " are stored"};
  }
  if (record.version > 0 && record.head_hash != prev) {
    return ChainBreak{record.id, record.version, "the case's head hash does not match its last event"};
  }
  return std::nullopt;
}

}  // namespace casereview
