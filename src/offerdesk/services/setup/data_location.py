"""Whether the data folder sits where SQLite's locking cannot be trusted: a network share or a cloud-synced folder.

A sync client (OneDrive, Dropbox, iCloud Drive, Google Drive) uploads the database and its -wal as separate files at
separate moments and may put back an older -wal or a "conflicted copy"; a network file system may not honour the locks
two writers rely on. Either can damage the database, so OfferDesk says so once at start. Everything here only reads:
paths, environment variables, /proc/self/mountinfo, statfs or GetDriveTypeW; each is best effort.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

NETWORK_FS_TYPES = frozenset(
    {"nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs", "ceph", "glusterfs",
     "fuse.glusterfs", "davfs", "fuse.davfs2", "fuse.rclone", "afpfs", "webdav", "lustre", "gpfs"}
)  # fmt: skip
ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")
DRIVE_REMOTE = 4


def _cloud_service_of_name(name: str) -> str | None:
    """The service a folder name belongs to: 'OneDrive - Contoso', 'Dropbox (Personal)', 'GoogleDrive-me@x', ..."""
    folded = name.casefold()
    if folded == "onedrive" or folded.startswith(("onedrive - ", "onedrive-")):
        return "OneDrive"
    if folded == "dropbox" or folded.startswith(("dropbox (", "dropbox-")):
        return "Dropbox"
    if folded in ("icloud drive", "iclouddrive", "com~apple~clouddocs"):
        return "iCloud Drive"
    if folded in ("google drive", "googledrive", "my drive") or folded.startswith("googledrive-"):
        return "Google Drive"
    return None


def _inside(path: PurePath, folder: PurePath) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def cloud_service(data_dir: PurePath, env: Mapping[str, str] | None = None, home: PurePath | None = None) -> str | None:
    """The sync service whose folder holds `data_dir` (by the folder names and OneDrive's variables), or None."""
    variables = os.environ if env is None else env
    for variable in ONEDRIVE_VARIABLES:
        root = variables.get(variable)
        if root and _inside(data_dir, type(data_dir)(root)):
            return "OneDrive"
    if home is not None and _inside(data_dir, home / "Library" / "Mobile Documents"):
        return "iCloud Drive"
    for part in data_dir.parts:
        service = _cloud_service_of_name(part)
        if service:
            return service
    return None


def mount_type(path: PurePosixPath, mountinfo: str) -> str | None:
    """The file system type of the mount that holds `path`, read from /proc/self/mountinfo's text."""
    best: tuple[int, str] | None = None
    for line in mountinfo.splitlines():
        left, separator, right = line.partition(" - ")
        fields, tail = left.split(), right.split()
        if not separator or len(fields) < 5 or not tail:
            continue
        mount_point = PurePosixPath(fields[4].replace("\\040", " ").replace("\\011", "\t"))
        if _inside(path, mount_point) and (best is None or len(mount_point.parts) >= best[0]):
            best = (len(mount_point.parts), tail[0])
    return best[1] if best else None


def _macos_fs_type(path: Path) -> tuple[str, bool] | None:
    """statfs(2)'s f_fstypename and whether MNT_LOCAL is set, through ctypes (os.statvfs does not tell)."""
    import ctypes

    class StatFs(ctypes.Structure):
        _fields_ = [  # the layout from <sys/mount.h>, 64-bit inodes
            ("f_bsize", ctypes.c_uint32), ("f_iosize", ctypes.c_int32), ("f_blocks", ctypes.c_uint64),
            ("f_bfree", ctypes.c_uint64), ("f_bavail", ctypes.c_uint64), ("f_files", ctypes.c_uint64),
            ("f_ffree", ctypes.c_uint64), ("f_fsid", ctypes.c_int32 * 2), ("f_owner", ctypes.c_uint32),
            ("f_type", ctypes.c_uint32), ("f_flags", ctypes.c_uint32), ("f_fssubtype", ctypes.c_uint32),
            ("f_fstypename", ctypes.c_char * 16), ("f_mntonname", ctypes.c_char * 1024),
            ("f_mntfromname", ctypes.c_char * 1024), ("f_reserved", ctypes.c_uint32 * 8),
        ]  # fmt: skip

    try:
        libc = ctypes.CDLL("libc.dylib", use_errno=True)
        try:
            statfs = libc["statfs$INODE64"]  # Intel Macs: the 64-bit-inode layout has its own name
        except AttributeError:
            statfs = libc.statfs
        result = StatFs()
        if statfs(os.fsencode(path), ctypes.byref(result)) != 0:
            return None
    except (OSError, AttributeError):
        return None
    return result.f_fstypename.decode("ascii", "replace"), bool(result.f_flags & 0x1000)


def _windows_remote(path: Path) -> bool:
    windows = PureWindowsPath(path)
    if windows.drive.startswith("\\\\"):
        return True  # \\server\share
    try:
        import ctypes

        kernel = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
        return bool(kernel.GetDriveTypeW(f"{windows.drive}\\") == DRIVE_REMOTE)
    except (OSError, AttributeError):
        return False


def network_file_system(data_dir: Path, *, platform: str | None = None, mountinfo: str | None = None) -> str | None:
    """A name for the network file system `data_dir` is on ('nfs4', 'smbfs', 'a network drive'), or None."""
    system = platform or sys.platform
    if system == "win32":
        return "a network drive" if _windows_remote(data_dir) else None
    if system == "darwin":
        found = _macos_fs_type(data_dir)
        if found is None:
            return None
        name, local = found
        return name if name in NETWORK_FS_TYPES or not local else None
    if mountinfo is None:
        try:
            mountinfo = Path("/proc/self/mountinfo").read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
    kind = mount_type(PurePosixPath(data_dir), mountinfo)
    return kind if kind in NETWORK_FS_TYPES else None


def _existing(data_dir: Path) -> Path:
    """The folder itself or its nearest existing parent, resolved (a first run has not created it yet)."""
    path = data_dir.expanduser().absolute()
    while not path.exists() and path.parent != path:
        path = path.parent
    return path.resolve()


def location_warning(
    data_dir: Path,
    *,
    env: Mapping[str, str] | None = None,
    home: Path | None = None,
    platform: str | None = None,
    mountinfo: str | None = None,
) -> str | None:
    """One sentence when the data folder is in a cloud-synced folder or on a network share; None when it is local."""
    folder = _existing(data_dir)
    service = cloud_service(folder, env, Path.home() if home is None else home) or cloud_service(
        data_dir.expanduser().absolute(), env, None
    )
    if service:
        return (
            f"The data folder {data_dir} is in a folder {service} syncs: a sync can put back an older part of the "
            "database and damage it; move the folder out of it (offerdesk --data-dir) and keep backups there instead."
        )
    network = network_file_system(folder, platform=platform, mountinfo=mountinfo)
    if network is None and (platform or sys.platform) not in ("win32", "darwin"):  # a folder not yet made
        network = network_file_system(data_dir.expanduser().absolute(), platform=platform, mountinfo=mountinfo)
    if network:
        return (
            f"The data folder {data_dir} is on a network share ({network}): its file locks may not protect the "
            "database from two writers; keep the data folder on this computer's own disk."
        )
    return None
