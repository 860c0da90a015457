"""The data folder in a cloud-synced folder or on a network share is named in one warning; a local one is not."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from offerdesk.services.setup.data_location import cloud_service, location_warning, mount_type, network_file_system

MOUNTINFO = """\
22 1 8:2 / / rw,relatime shared:1 - ext4 /dev/sda2 rw
35 22 0:31 / /home rw,relatime shared:2 - ext4 /dev/sda3 rw
61 35 0:52 / /home/ana/Team\\040Share rw,relatime shared:30 - cifs //files/team rw,vers=3.1.1
62 22 0:53 / /mnt/nas rw,relatime shared:31 - nfs4 nas:/export rw
63 22 0:54 / /mnt/box rw,relatime shared:32 - fuse.sshfs ana@box:/ rw
"""


@pytest.mark.parametrize(
    ("path", "service"),
    [
        (PureWindowsPath(r"C:\Users\ana\OneDrive - Contoso\OfferDesk"), "OneDrive"),
        (PureWindowsPath(r"C:\Users\ana\OneDrive\Documents\OfferDesk"), "OneDrive"),
        (PurePosixPath("/home/ana/Dropbox/OfferDesk"), "Dropbox"),
        (PurePosixPath("/home/ana/Dropbox (Personal)/OfferDesk"), "Dropbox"),
        (PurePosixPath("/Users/ana/Library/CloudStorage/GoogleDrive-ana@example.com/My Drive/od"), "Google Drive"),
        (PurePosixPath("/Users/ana/Library/CloudStorage/OneDrive-Contoso/od"), "OneDrive"),
        (PurePosixPath("/Users/ana/Library/Mobile Documents/com~apple~CloudDocs/od"), "iCloud Drive"),
        (PureWindowsPath(r"G:\My Drive\OfferDesk"), "Google Drive"),
        (PurePosixPath("/home/ana/.local/share/OfferDesk"), None),
        (PurePosixPath("/home/ana/dropboxes/od"), None),
    ],
)
def test_cloud_folders_are_known_by_their_names(path: PurePosixPath | PureWindowsPath, service: str | None) -> None:
    assert cloud_service(path, env={}) == service


def test_onedrive_is_known_by_its_variable_when_renamed() -> None:
    env = {"OneDriveCommercial": r"D:\Work Files"}
    assert cloud_service(PureWindowsPath(r"D:\Work Files\OfferDesk"), env=env) == "OneDrive"
    assert cloud_service(PureWindowsPath(r"D:\Other\OfferDesk"), env=env) is None


def test_icloud_is_known_under_the_mobile_documents_folder() -> None:
    home = PurePosixPath("/Users/ana")
    assert cloud_service(home / "Library/Mobile Documents/iCloud~com~app/od", env={}, home=home) == "iCloud Drive"


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/ana/Team Share/OfferDesk", "cifs"),
        ("/mnt/nas/od", "nfs4"),
        ("/mnt/box/od", "fuse.sshfs"),
        ("/home/ana/.local/share/OfferDesk", "ext4"),
        ("/srv/od", "ext4"),
    ],
)
def test_the_mount_holding_a_folder_is_the_longest_matching_one(path: str, kind: str) -> None:
    assert mount_type(PurePosixPath(path), MOUNTINFO) == kind


def test_a_network_mount_is_named_and_a_local_one_is_not() -> None:
    assert network_file_system(Path("/mnt/nas/od"), platform="linux", mountinfo=MOUNTINFO) == "nfs4"
    assert network_file_system(Path("/home/ana/od"), platform="linux", mountinfo=MOUNTINFO) is None


def test_a_unc_path_is_a_network_share() -> None:
    assert network_file_system(Path(r"\\files\team\OfferDesk"), platform="win32") == "a network drive"


def test_the_warning_is_one_sentence_naming_the_folder(tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox" / "OfferDesk"
    warning = location_warning(synced, env={}, home=tmp_path, mountinfo="")
    assert warning is not None and str(synced) in warning and "Dropbox" in warning
    assert warning.count(". ") == 0 and warning.endswith(".")
    share = location_warning(Path("/mnt/nas/od"), env={}, home=tmp_path, platform="linux", mountinfo=MOUNTINFO)
    assert share is not None and "network share (nfs4)" in share


def test_a_local_folder_gets_no_warning(tmp_path: Path) -> None:
    assert location_warning(tmp_path / "data", env={}, home=tmp_path, platform="linux", mountinfo=MOUNTINFO) is None
