# stackctl's one correction of the managed LocalStack (docs/emulators.md, "The managed LocalStack's
# correction"). LocalStack 4.14.0 decodes an AWS_PROXY Lambda answer marked isBase64Encoded only when
# the request's first Accept type matches a binaryMediaTypes entry, and its matcher skips `*/*`
# entries, so curl's and fetch's default request (`Accept: */*`, or none) gets the base64 text. AWS,
# with `*/*` listed, returns the bytes for any Accept. This hook makes the AWS_PROXY integration do so.
#
# LocalStack runs ready.d `.py` hooks inside its own process (`exec`, localstack/runtime/init.py),
# after its services are up; stackctl waits for them. The correction is applied only when both files
# below are byte for byte the 4.14.0 ones; otherwise LocalStack is left alone and this hook fails,
# which `/_localstack/init/ready` reports as ERROR and stackctl turns into a warning.
import hashlib
import importlib

_AWS = "localstack.services.apigateway.next_gen.execute_api.integrations.aws"
_HELPERS = "localstack.services.apigateway.next_gen.execute_api.helpers"
_KNOWN_SHA256 = {
    # RestApiAwsProxyIntegration.invoke calls mime_type_matches_binary_media_types(Accept, ...).
    _AWS: "1690b18d4652b514581f3e6de8ad3e75e25471962204f2700d9f3c301eb6e401",
    # mime_type_matches_binary_media_types: `continue` for entries whose type is `*`.
    _HELPERS: "4bb3ecaf9d61721aa011a28a3fce2d67b053efb68b3c09a2c0b5a592df5a8532",
}


def _sha256(path):
    with open(path, "rb") as source:
        return hashlib.sha256(source.read()).hexdigest()


_modules = {name: importlib.import_module(name) for name in _KNOWN_SHA256}
_unknown = [name for name, module in _modules.items() if _sha256(module.__file__) != _KNOWN_SHA256[name]]
if _unknown:
    raise RuntimeError(
        "stackctl: not LocalStack 4.14.0's code (%s); binary-download correction not applied"
        % ", ".join(_unknown)
    )

_original = _modules[_HELPERS].mime_type_matches_binary_media_types


def _matches_with_any_type(mime_type, binary_media_types):
    """As LocalStack's matcher, except that a listed `*/*` matches every request, as on AWS."""
    if any(entry.split(";")[0].strip() == "*/*" for entry in binary_media_types or []):
        return True
    return _original(mime_type, binary_media_types)


# Only the AWS_PROXY integration's module gets it: request bodies and other integrations are unchanged.
_modules[_AWS].mime_type_matches_binary_media_types = _matches_with_any_type
print("stackctl: AWS_PROXY base64 answers are decoded for any Accept when binaryMediaTypes lists */*")
