"""Symlinks (SYM) through oss2."""

from sdk_oss import all_versions, body_of, chain, oss_error


def test_a_symlink_is_a_versioned_write(versioned):
    # Rule: SYM-2 (a new Symlink entry as a PutObject: ID-1, RSP-1), SYM-3
    versioned.put_object("target", b"content")
    first = versioned.put_symlink("target", "link").versionid
    assert first not in (None, "null")
    second = versioned.put_symlink("elsewhere", "link").versionid
    assert chain(versioned, "link") == [(second, False), (first, False)]
    link = versioned.get_symlink("link")
    assert (link.target_key, link.versionid) == ("elsewhere", second)
    old = versioned.get_symlink("link", params={"versionId": first})
    assert (old.target_key, old.versionid) == ("target", first)


def test_reading_a_link_reads_the_target_now_with_the_links_id(versioned):
    # Rule: SYM-4 (the target key's current version at read time; the link's own ID)
    versioned.put_object("target", b"one")
    link = versioned.put_symlink("target", "link").versionid
    got = versioned.get_object("link")
    assert (got.read(), got.versionid) == (b"one", link)
    versioned.put_object("target", b"two")
    assert body_of(versioned, "link") == b"two"
    assert versioned.head_object("link").versionid == link


def test_a_missing_or_deleted_target_does_not_exist(versioned):
    # Rule: SYM-2 (the target need not exist), SYM-4 (SymlinkTargetNotExist 404)
    versioned.put_symlink("nothing-yet", "link")
    with oss_error("SymlinkTargetNotExist", 404):
        versioned.get_object("link")
    versioned.put_object("nothing-yet", b"x")
    versioned.delete_object("nothing-yet")
    with oss_error("SymlinkTargetNotExist", 404):
        versioned.get_object("link")


def test_a_link_to_a_link_is_invalid_target_type(versioned):
    # Rule: SYM-4 (InvalidTargetType 400)
    versioned.put_object("target", b"x")
    versioned.put_symlink("target", "inner")
    versioned.put_symlink("inner", "outer")
    with oss_error("InvalidTargetType", 400):
        versioned.get_object("outer")


def test_get_symlink_of_an_object_is_not_symlink(versioned):
    # Rule: SYM-3 (NotSymlink 400; same selection errors as GET)
    versioned.put_object("plain", b"x")
    with oss_error("NotSymlink", 400):
        versioned.get_symlink("plain")
    with oss_error("NoSuchKey", 404):
        versioned.get_symlink("never")
    marker = versioned.delete_object("plain").versionid
    with oss_error("MethodNotAllowed", 405):
        versioned.get_symlink("plain", params={"versionId": marker})


def test_copying_a_link_copies_the_link(versioned):
    # Rule: SYM-5, CPY-4 (a Symlink source gives a Symlink)
    versioned.put_object("target", b"x")
    versioned.put_symlink("target", "link")
    copied = versioned.copy_object(versioned.bucket_name, "link", "copy").versionid
    link = versioned.get_symlink("copy")
    assert (link.target_key, link.versionid) == ("target", copied)


def test_links_list_as_symlink_entries_of_length_zero(versioned):
    # Rule: SYM-5, INV-11
    versioned.put_object("target", b"content")
    version = versioned.put_symlink("target", "link").versionid
    [entry] = [e for e in all_versions(versioned) if e.key == "link"]
    assert (entry.version_id, entry.type, entry.size) == (version, "Symlink", 0)


def test_deleting_a_link_leaves_the_target(versioned):
    # Rule: SYM-5 (deleting a link removes or hides only the link)
    target = versioned.put_object("target", b"x").versionid
    link = versioned.put_symlink("target", "link").versionid
    marker = versioned.delete_object("link").versionid
    assert chain(versioned, "link") == [(marker, True), (link, False)]
    assert chain(versioned, "target") == [(target, False)]
    assert body_of(versioned, "target") == b"x"


def test_an_invalid_target_is_refused(versioned):
    # Rule: SYM-2 (the target is checked as a key, KEY-1)
    with oss_error("InvalidObjectName", 400):
        versioned.put_symlink("/leading-slash", "link")
    assert chain(versioned, "link") == []


def test_forbid_overwrite_on_a_link_in_an_unversioned_bucket(bucket):
    # Rule: CND-6 (PutSymlink with forbid_overwrite → FileAlreadyExists 409 when the key has
    # an entry)
    bucket.put_object("link", b"x")
    with oss_error("FileAlreadyExists", 409):
        bucket.put_symlink("target", "link", headers={"x-oss-forbid-overwrite": "true"})
    assert body_of(bucket, "link") == b"x"
