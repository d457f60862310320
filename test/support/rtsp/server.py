#!/usr/bin/python3
"""RTSP test camera for Vigil's tests: gst-rtsp-server relaying MPEG-TS feeds.

Run with /usr/bin/python3 (Debian's python3-gi is only importable there).

    server.py '{"port": 0, "user": "u", "password": "p",
                "mounts": [{"path": "/cam1", "udpPort": 40000, "codec": "h264", "audio": true}]}'
    server.py --config config.json

Each mount relays an MPEG-TS stream that an ffmpeg feeder pushes to 127.0.0.1:<udpPort>.
The feeders live outside this process so a camera can go offline (kill this server) and come
back (start it again) while the picture keeps moving. Prints "READY <port>" once listening.
"""
import json
import signal
import sys

import gi

gi.require_version("Gst", "1.0")
gi.require_version("GstRtspServer", "1.0")
from gi.repository import GLib, Gst, GstRtspServer  # noqa: E402

PIPELINES = {
    "h264": ("video/x-h264", "h264parse", "rtph264pay"),
    "h265": ("video/x-h265", "h265parse", "rtph265pay"),
}

# The server holds back each stream until every stream has data (preroll). Audio arrives at
# once, video only from its next keyframe; a blocking queue on the audio side then fills up,
# stalls tsdemux and starves the video: a deadlock whenever the GOP is longer than the queue.
# Leaky queues drop the oldest data instead of blocking.
QUEUE = "queue leaky=downstream max-size-buffers=0 max-size-bytes=0 max-size-time=3000000000"


def launch_line(mount):
    caps, parse, pay = PIPELINES[mount.get("codec", "h264")]
    # - The caps after "d." make each branch link only to the matching tsdemux pad (a bare
    #   queue would take whichever pad appears first).
    # - ignore-pcr: without it tsdemux re-times live input by PCR skew, and frame intervals
    #   wobble by up to 2% for the first second; with it they are exact, like a camera's.
    # - config-interval=0: the feeders already repeat SPS/PPS (VPS) in-band at each keyframe;
    #   repeating them again (-1) makes ffmpeg see two frames with one timestamp per keyframe.
    # - A large receive buffer keeps the datagram burst of a keyframe.
    line = (
        f'( udpsrc address=127.0.0.1 port={int(mount["udpPort"])} buffer-size=4194304 '
        f'caps="video/mpegts,systemstream=true" ! tsdemux name=d ignore-pcr=true '
        f"d. ! {caps} ! {QUEUE} ! {parse} ! {pay} name=pay0 pt=96 config-interval=0"
    )
    if mount.get("audio"):
        line += f" d. ! audio/mpeg ! {QUEUE} ! aacparse ! rtpmp4gpay name=pay1 pt=97"
    return line + " )"


def make_factory(mount, permissions):
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch(launch_line(mount))
    # One pipeline per mount, like a real camera: every client sees the same live stream and the
    # UDP port is bound only once.
    factory.set_shared(True)
    # ffmpeg sends "Range: npt=0-" with PLAY; if the server thinks the media is seekable it seeks
    # and answers 503 when that fails (measured with a tcpclientsrc feed). CLOCK_AND_OFFSET marks
    # the media as unseekable. udpsrc is live and unseekable anyway; this keeps it independent of
    # the source element.
    factory.set_publish_clock_mode(GstRtspServer.RTSPPublishClockMode.CLOCK_AND_OFFSET)
    if permissions is not None:
        factory.set_permissions(permissions)
    return factory


def setup_auth(server, user, password):
    """Basic auth: a wrong password gets 401; unknown paths still get 404 (checked first)."""
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string("media.factory.role", "viewer")
    auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
    server.set_auth(auth)
    permissions = GstRtspServer.RTSPPermissions()
    permissions.add_permission_for_role("viewer", "media.factory.access", True)
    permissions.add_permission_for_role("viewer", "media.factory.construct", True)
    return permissions


def read_config(argv):
    if len(argv) == 3 and argv[1] == "--config":
        with open(argv[2], encoding="utf-8") as f:
            return json.load(f)
    if len(argv) == 2:
        return json.loads(argv[1])
    sys.exit("usage: server.py '<json config>' | server.py --config <file>")


def main(argv):
    config = read_config(argv)
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    # Without worker threads the server prepares one stream at a time (about 2 s each), so the eighth
    # camera of a benchmark waited ~16 s for its first frame.
    server.get_thread_pool().set_max_threads(16)
    server.set_address("127.0.0.1")
    server.set_service(str(config.get("port", 0)))

    permissions = None
    if config.get("user") is not None:
        permissions = setup_auth(server, config["user"], config.get("password", ""))

    mounts = server.get_mount_points()
    for mount in config["mounts"]:
        mounts.add_factory(mount["path"], make_factory(mount, permissions))

    if server.attach(None) == 0:
        sys.exit(f"cannot listen on 127.0.0.1:{config.get('port', 0)}")

    loop = GLib.MainLoop()

    def shutdown():
        # Drop clients first so they see the connection close, as with a camera that goes away.
        server.client_filter(lambda _server, _client: GstRtspServer.RTSPFilterResult.REMOVE)
        loop.quit()
        return GLib.SOURCE_REMOVE

    for signum in (signal.SIGTERM, signal.SIGINT):
        GLib.unix_signal_add(GLib.PRIORITY_HIGH, signum, shutdown)

    # The harness reads this line; with port 0 it is the only way to learn the chosen port.
    print(f"READY {server.get_bound_port()}", flush=True)
    loop.run()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
