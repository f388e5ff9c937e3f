"""Per-version tags (TAG) through oss2."""

from oss2.models import Tagging, TaggingRule

from sdk_oss import chain, oss_error


def tagging(mapping):
    rule = TaggingRule()
    for key, value in mapping.items():
        rule.add(key, value)
    return Tagging(rule)


def tags(bucket, key, version=None):
    params = {"versionId": version} if version is not None else None
    result = bucket.get_object_tagging(key, params=params)
    return result.versionid, dict(result.tag_set.tagging_rule)


def test_tags_belong_to_one_version(versioned):
    # Rule: TAG-1 (PutObject may set the new version's tags), TAG-2, TAG-4
    first = versioned.put_object("k", b"1", headers={"x-oss-tagging": "a=1"}).versionid
    second = versioned.put_object("k", b"2").versionid
    assert tags(versioned, "k") == (second, {})
    assert tags(versioned, "k", first) == (first, {"a": "1"})
    result = versioned.put_object_tagging("k", tagging({"b": "2"}))
    assert result.versionid == second
    assert tags(versioned, "k") == (second, {"b": "2"})
    assert tags(versioned, "k", first) == (first, {"a": "1"})


def test_put_replaces_the_whole_set_and_delete_empties_it(versioned):
    # Rule: TAG-2
    version = versioned.put_object("k", b"x", headers={"x-oss-tagging": "a=1&b=2"}).versionid
    versioned.put_object_tagging("k", tagging({"c": "3"}), params={"versionId": version})
    assert tags(versioned, "k") == (version, {"c": "3"})
    deleted = versioned.delete_object_tagging("k", params={"versionId": version})
    assert deleted.versionid == version
    assert tags(versioned, "k") == (version, {})


def test_tagging_changes_no_chain_and_no_last_modified(versioned):
    # Rule: TAG-4
    version = versioned.put_object("k", b"x").versionid
    before = versioned.head_object("k").last_modified
    versioned.put_object_tagging("k", tagging({"a": "1"}))
    assert chain(versioned, "k") == [(version, False)]
    assert versioned.head_object("k").last_modified == before


def test_a_marker_is_no_such_key_with_its_id(versioned):
    # Rule: TAG-2 (oss: NoSuchKey 404 carrying the DM flag and ID, head or by ID)
    versioned.put_object("k", b"x")
    marker = versioned.delete_object("k").versionid
    with oss_error("NoSuchKey", 404) as info:
        versioned.get_object_tagging("k")
    assert info.value.headers["x-oss-delete-marker"] == "true"
    assert info.value.headers["x-oss-version-id"] == marker
    with oss_error("NoSuchKey", 404):
        versioned.put_object_tagging("k", tagging({"a": "1"}), params={"versionId": marker})


def test_nothing_there_is_no_such_key_or_no_such_version(versioned):
    # Rule: TAG-2
    other = versioned.put_object("other", b"x").versionid
    with oss_error("NoSuchKey", 404):
        versioned.get_object_tagging("never")
    versioned.put_object("k", b"x")
    with oss_error("NoSuchVersion", 404):
        versioned.get_object_tagging("k", params={"versionId": other})


def test_more_than_ten_tags_are_refused(versioned):
    # Rule: TAG-3 (InvalidTag 400, nothing changes; oss2 itself refuses keys over 128 bytes
    # and values over 256)
    version = versioned.put_object("k", b"x", headers={"x-oss-tagging": "keep=1"}).versionid
    with oss_error("InvalidTag", 400):
        versioned.put_object_tagging("k", tagging({f"t{i}": "v" for i in range(11)}))
    assert tags(versioned, "k") == (version, {"keep": "1"})
    versioned.put_object_tagging("k", tagging({f"t{i}": "v" * 256 for i in range(10)}))


def test_a_copy_keeps_or_replaces_the_source_tags(versioned):
    # Rule: TAG-1 (unless x-oss-tagging-directive Replace)
    versioned.put_object("src", b"x", headers={"x-oss-tagging": "a=1"})
    versioned.copy_object(versioned.bucket_name, "src", "kept")
    assert tags(versioned, "kept")[1] == {"a": "1"}
    versioned.copy_object(
        versioned.bucket_name, "src", "replaced",
        headers={"x-oss-tagging-directive": "Replace", "x-oss-tagging": "b=2"},
    )
    assert tags(versioned, "replaced")[1] == {"b": "2"}


def test_an_append_keeps_the_appendable_tags(versioned):
    # Rule: TAG-1 (an append keeps the appendable's tags)
    created = versioned.append_object("k", 0, b"ab", headers={"x-oss-tagging": "a=1"}, init_crc=0)
    versioned.append_object("k", 2, b"cd", init_crc=created.crc)
    assert tags(versioned, "k") == (created.versionid, {"a": "1"})
