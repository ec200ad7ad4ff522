"""Storage rules (RS7xx): what each storage_provider needs, VOD limits, likely slips.

Messages never quote a credential value (access_key_id, access_key_secret, access_key,
secret_key): they name the field only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from recspec.diagnostics import Severity
from recspec.rules._helpers import STORAGE, Path
from recspec.rules.base import Finding, PayloadView, Rule, finding, per_document

OBJECT_STORAGE = {
    1: "Amazon S3",
    2: "Alibaba Cloud OSS",
    3: "Tencent Cloud COS",
    4: "Qiniu Cloud Kodo",
    7: "Huawei Cloud OBS",
    8: "Google Cloud Storage",
    9: "China Mobile Cloud EOS",
    10: "an S3-compatible service",
}
FLAT_FIELDS = ("region", "bucket_name", "access_key_id", "access_key_secret")
#: the flat fields each object storage provider needs (rules 45, 48, 49)
PROVIDER_FIELDS: dict[int, tuple[str, ...]] = {
    **dict.fromkeys((1, 2, 3, 4, 7, 9), FLAT_FIELDS),
    8: ("bucket_name", "access_key_id", "access_key_secret"),
    10: (*FLAT_FIELDS, "end_point"),
}
ALIYUN_FIELDS = ("region", "access_key", "secret_key", "title", "storage_location")
TENCENT_FIELDS = ("access_key_id", "access_key_secret", "region")
VOD_FORMATS = ("mp4", "flv")

_ALIYUN = (*STORAGE, "aliyun_vod_params")
_TENCENT = (*STORAGE, "tencentyun_vod_params")
_COS_BUCKET = re.compile(r"^[a-z0-9][a-z0-9-]*-\d+$")

_ALIYUN_GOOD = {
    "region": "cn-shanghai",
    "access_key": "example-access-key",
    "secret_key": "example-secret-key",
    "title": "class-101",
    "storage_location": "outin-example.oss-cn-shanghai.aliyuncs.com",
}
_TENCENT_GOOD = {
    "access_key_id": "example-secret-id",
    "access_key_secret": "example-secret-key",
    "region": "ap-shanghai",
}
_ALIYUN_NO_TITLE = {k: v for k, v in _ALIYUN_GOOD.items() if k != "title"}
_NO_FLAT = dict.fromkeys(FLAT_FIELDS)


@per_document
def _provider(v: PayloadView) -> int | None:
    return v.int(*STORAGE, "storage_provider")


def _missing_fields(
    v: PayloadView, base: Path, fields: tuple[str, ...]
) -> Iterator[tuple[str, str]]:
    """(field, 'missing' | 'empty') for every field under `base` without a usable string."""
    parent = v.dict(*base) or {}  # looked up once, not once per field
    for name in fields:
        value = parent.get(name)
        if value is None:
            yield name, "missing"
        elif isinstance(value, str) and not value.strip():
            yield name, "empty"


def _check_flat_fields(v: PayloadView) -> Iterator[Finding]:
    provider = _provider(v)
    if provider not in OBJECT_STORAGE:
        return
    fields = PROVIDER_FIELDS[provider]
    for name, state in _missing_fields(v, STORAGE, fields):
        wanted = ", ".join(fields[:-1]) + f" and {fields[-1]}"  # only for a finding
        yield finding(
            (*STORAGE, name),
            f"storage_provider {provider} ({OBJECT_STORAGE[provider]}) needs {wanted}; "
            f"{name} is {state}",
        )


def _check_vod_params(
    v: PayloadView, provider: int, path: Path, fields: tuple[str, ...]
) -> Iterator[Finding]:
    if _provider(v) != provider:
        return
    name = path[-1]
    if not v.has(*path):
        yield finding(
            path,
            f"storage_provider {provider} needs {name} with {', '.join(fields)}; add it",
        )
        return
    if v.dict(*path) is None:
        return
    for field, state in _missing_fields(v, path, fields):
        yield finding(
            (*path, field),
            f"{name}.{field} is {state}; storage_provider {provider} "
            f"needs all of {', '.join(fields)}",
        )


def _check_aliyun(v: PayloadView) -> Iterator[Finding]:
    yield from _check_vod_params(v, 5, _ALIYUN, ALIYUN_FIELDS)


def _check_tencent(v: PayloadView) -> Iterator[Finding]:
    yield from _check_vod_params(v, 6, _TENCENT, TENCENT_FIELDS)


def _check_vod_format(v: PayloadView) -> Iterator[Finding]:
    provider = _provider(v)
    formats = dict(v.dialect.vod_formats).get(provider or 0)
    if formats and v.output_format not in formats:
        accepted = ", ".join(formats[:-1]) + f" and {formats[-1]}"
        yield finding(
            ("record_output_params", "output_file_format"),
            f"storage_provider {provider} (VOD) only accepts {accepted} uploads in "
            f"{v.dialect.title}, and the format is {v.output_format!r}; use "
            f"{' or '.join(formats)}, or an object storage provider",
        )


def _check_vod_unused(v: PayloadView) -> Iterator[Finding]:
    provider = _provider(v)
    if provider is None:
        return
    for path, wanted in ((_ALIYUN, 5), (_TENCENT, 6)):
        if v.has(*path) and provider != wanted:
            yield finding(
                path,
                f"{path[-1]} is only read with storage_provider {wanted}, and storage_provider "
                f"is {provider}; remove it",
            )


def _check_oss_region(v: PayloadView) -> Iterator[Finding]:
    if _provider(v) != 2:
        return
    region = v.str(*STORAGE, "region")
    if region is None or not region.strip():
        return
    if not region.strip().startswith("oss-"):
        yield finding(
            (*STORAGE, "region"),
            f"region is {region!r}, but Alibaba Cloud OSS regions are written with the "
            f"'oss-' prefix (e.g. 'oss-cn-hangzhou') — write 'oss-{region.strip()}'",
        )


def _check_cos_bucket(v: PayloadView) -> Iterator[Finding]:
    if _provider(v) != 3:
        return
    bucket = v.str(*STORAGE, "bucket_name")
    if bucket is None or not bucket.strip():
        return
    if not _COS_BUCKET.match(bucket.strip()):
        yield finding(
            (*STORAGE, "bucket_name"),
            f"bucket_name is {bucket!r}, but Tencent Cloud COS buckets are named "
            "<BucketName-APPID>, e.g. 'mybucket123-1250000000'; add the -APPID suffix",
        )


#: (provider, path, field, prefix, what): key ids that mark short-lived STS credentials.
_TEMPORARY = (
    (1, STORAGE, "access_key_id", "ASIA", "an AWS STS temporary key (ASIA...)"),
    (2, STORAGE, "access_key_id", "STS.", "an Alibaba Cloud STS temporary key (STS....)"),
    (5, _ALIYUN, "access_key", "STS.", "an Alibaba Cloud STS temporary key (STS....)"),
)


def _check_temporary(v: PayloadView) -> Iterator[Finding]:
    provider = _provider(v)
    for wanted, base, field, prefix, what in _TEMPORARY:
        if provider != wanted:
            continue  # before the lookup: only one entry can match
        value = v.str(*base, field)
        if value is not None and value.strip().startswith(prefix):
            yield finding(
                (*base, field),
                f"{field} looks like {what}; ZEGO does not accept temporary credentials and the "
                "upload fails silently once it expires — use a long-lived, write-only key",
            )


_S3_COMPATIBLE_ONLY = ("end_point", "s3_force_path_style")


def _check_s3_compatible_only(v: PayloadView) -> Iterator[Finding]:
    storage = v.dict(*STORAGE)
    if not storage or storage.keys().isdisjoint(_S3_COMPATIBLE_ONLY):
        return
    provider = _provider(v)
    if provider is None or provider == 10:
        return
    for name in _S3_COMPATIBLE_ONLY:
        if name in storage:
            yield finding(
                (*STORAGE, name),
                f"{name} is only read for an S3-compatible service (storage_provider 10), and "
                f"storage_provider is {provider}; remove it",
            )


RULES: tuple[Rule, ...] = (
    Rule(
        code="RS701",
        name="storage-fields-required",
        severity=Severity.ERROR,
        summary="Object storage (providers 1-4, 7) needs region, bucket and both keys.",
        why=(
            "The legacy page: 'storage_provider 设置为 1~4 还有 7 时,region,bucket_name,"
            "access_key_id,access_key_secret 必选'. With any of them missing or empty the task "
            "may start but nothing is uploaded."
        ),
        bad={"storage_params": {"bucket_name": None}},
        good={"storage_params": {"bucket_name": "recordings"}},
        source="[L] seed storage_params notes; reference §1.7, §2 rules 50, 52",
        check=_check_flat_fields,
    ),
    Rule(
        code="RS702",
        name="aliyun-vod-params-required",
        severity=Severity.ERROR,
        summary="Alibaba Cloud VOD (provider 5) needs a complete aliyun_vod_params.",
        why=(
            "The legacy page: 'storage_provider 设置为 5 时,aliyun_vod_params 必选', and all five "
            "of its fields (region, access_key, secret_key, title, storage_location) are "
            "required."
        ),
        bad={
            "storage_params": {
                "storage_provider": 5,
                **_NO_FLAT,
                "aliyun_vod_params": _ALIYUN_NO_TITLE,
            }
        },
        good={
            "storage_params": {"storage_provider": 5, **_NO_FLAT, "aliyun_vod_params": _ALIYUN_GOOD}
        },
        source="[L] seed storage_params notes, aliyun_vod_params; reference §1.7, §2 rule 50",
        check=_check_aliyun,
    ),
    Rule(
        code="RS703",
        name="tencent-vod-params-required",
        severity=Severity.ERROR,
        summary="Tencent Cloud VOD (provider 6) needs tencentyun_vod_params with keys and region.",
        why=(
            "The legacy page: 'storage_provider 设置为 6 时,tencentyun_vod_params 必选', with "
            "access_key_id, access_key_secret and region required (sub_app_id is optional)."
        ),
        bad={"storage_params": {"storage_provider": 6, **_NO_FLAT}},
        good={
            "storage_params": {
                "storage_provider": 6,
                **_NO_FLAT,
                "tencentyun_vod_params": _TENCENT_GOOD,
            }
        },
        source="[L] seed storage_params notes, tencentyun_vod_params; reference §1.7, §2 rule 50",
        check=_check_tencent,
    ),
    Rule(
        code="RS704",
        name="vod-format",
        severity=Severity.ERROR,
        summary="VOD providers (5, 6) only accept mp4 and flv.",
        why=(
            "The legacy page, for both VOD providers: '目前仅支持上传 MP4、FLV 格式文件'. (The "
            "newer StartRecord API also lets Tencent VOD take jpg and mp3; the seed wins for "
            "the legacy body.)"
        ),
        bad={
            "record_output_params": {"output_file_format": "hls"},
            "storage_params": {
                "storage_provider": 6,
                **_NO_FLAT,
                "tencentyun_vod_params": _TENCENT_GOOD,
            },
        },
        good={
            "record_output_params": {"output_file_format": "mp4"},
            "storage_params": {
                "storage_provider": 6,
                **_NO_FLAT,
                "tencentyun_vod_params": _TENCENT_GOOD,
            },
        },
        source="[L] seed storage_params notes (MP4, FLV only); [A] adds jpg/mp3 for Vendor 6 "
        "— seed wins; reference §2 rules 46, 47",
        check=_check_vod_format,
    ),
    Rule(
        code="RS705",
        name="vod-params-no-effect",
        severity=Severity.WARNING,
        summary="VOD parameters do nothing with another storage_provider.",
        why=(
            "aliyun_vod_params is read only for storage_provider 5 and tencentyun_vod_params only "
            "for 6. With another provider the files go elsewhere, usually not where intended."
        ),
        bad={"storage_params": {"aliyun_vod_params": _ALIYUN_GOOD}},
        good={
            "storage_params": {"storage_provider": 5, **_NO_FLAT, "aliyun_vod_params": _ALIYUN_GOOD}
        },
        source="[L] seed storage_params.aliyun_vod_params/tencentyun_vod_params; reference §1.7",
        check=_check_vod_unused,
    ),
    Rule(
        code="RS706",
        name="oss-region-prefix",
        severity=Severity.WARNING,
        summary="Alibaba Cloud OSS regions are written with the 'oss-' prefix.",
        why=(
            'The legacy page\'s OSS example uses "region": "oss-xxxx" and ZEGO\'s storage FAQ '
            "gives 'oss-cn-hangzhou'. A bare Alibaba region id such as 'cn-hangzhou' is the "
            "usual slip and the upload fails without an error at start."
        ),
        bad={"storage_params": {"storage_provider": 2, "region": "cn-hangzhou"}},
        good={"storage_params": {"storage_provider": 2, "region": "oss-cn-hangzhou"}},
        source="[L] seed request example (storage_provider 2, region oss-xxxx); "
        "[FAQ:cloud-storage-params-config]; reference §1.7",
        check=_check_oss_region,
    ),
    Rule(
        code="RS707",
        name="cos-bucket-appid-suffix",
        severity=Severity.WARNING,
        summary="Tencent Cloud COS bucket names end in -APPID.",
        why=(
            "ZEGO's storage FAQ: for COS the bucket is '<BucketName-APPID>', e.g. "
            "'mybucket123-1250000000'. Without the APPID suffix COS cannot find the bucket and "
            "no file is uploaded."
        ),
        bad={
            "storage_params": {
                "storage_provider": 3,
                "region": "ap-beijing",
                "bucket_name": "recordings",
            }
        },
        good={
            "storage_params": {
                "storage_provider": 3,
                "region": "ap-beijing",
                "bucket_name": "recordings-1250000000",
            }
        },
        source="[FAQ:cloud-storage-params-config]; reference §1.7 provider table",
        check=_check_cos_bucket,
    ),
    Rule(
        code="RS708",
        name="temporary-storage-credentials",
        severity=Severity.WARNING,
        summary="The storage key looks like a temporary (STS) credential.",
        why=(
            "ZEGO FAQ: temporary/STS tokens are not accepted; give a long-lived write-only key. "
            "AWS temporary key ids start with ASIA and Alibaba STS key ids with 'STS.'; a task "
            "started with one uploads nothing once the token expires."
        ),
        bad={"storage_params": {"access_key_id": "ASIAIOSFODNN7EXAMPLE"}},
        good={"storage_params": {"access_key_id": "AKIAIOSFODNN7EXAMPLE"}},
        source="[FAQ:storage-temp-token]; reference §2 rule 51; key-id prefixes: AWS and "
        "Alibaba Cloud conventions (beyond the docs)",
        check=_check_temporary,
    ),
    Rule(
        code="RS709",
        name="s3-compatible-field-no-effect",
        severity=Severity.WARNING,
        summary="end_point and s3_force_path_style only apply to storage_provider 10 (S3-compatible).",
        why="StartRecord documents EndPoint for Vendor 10 and S3ForcePathStyle only for Vendor "
        "10; with another vendor they are ignored, which hides a wrong vendor choice.",
        bad={"storage_params": {"end_point": "https://s3.example.com"}},
        good={"storage_params": {"storage_provider": 10, "end_point": "https://s3.example.com"}},
        source="[A] StorageParams.EndPoint/S3ForcePathStyle; reference §1.7, §2 rule 49",
        check=_check_s3_compatible_only,
        needs_any=tuple((*STORAGE, name) for name in _S3_COMPATIBLE_ONLY),
        dialect="v2",
    ),
)
