/*
 * Fuzz target: QR payloads as verify-qr reads them (qrPayloadVerify, and
 * qrPayloadCheck's parse of both versions, with no keys).  A KTP1 payload
 * that verifies must rebuild to itself; a KTP2 payload that parses must
 * fill its fields from its own text.
 */

#include "fuzz.h"
#include "../../printctl/render/qrpayload.h"

static const unsigned char key[32] = "blanko fuzz key, not a real one";


int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char		*text = fuzz_string(data, size);
  qr_fields_t	fields;
  char		rebuilt[QR_PAYLOAD_MAX];

  if (qrPayloadVerify(text, key, sizeof(key), &fields) == QR_GENUINE)
  {
    if (!qrPayloadBuild(fields.preview ? NULL : fields.serial, fields.nik, fields.issue_date, key, sizeof(key),
                        rebuilt, sizeof(rebuilt)) || strcmp(rebuilt, text))
      abort();				/* genuine but not what we would make */
  }
  if (qrPayloadCheck(text, NULL, NULL, 0, &fields) == QR_NO_KEY &&
      (fields.version != qrPayloadVersion(text) || !strstr(text, fields.nik) ||
       (fields.version == 2 && !strstr(text, fields.keyid))))
    abort();				/* parsed, but not from this text */
  free(text);
  return (0);
}
