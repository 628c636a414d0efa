"""A local SMTP sink for the demo.

Every message received is written as an .eml file into a directory, so the
mail Tryton sends (surveys, renewals, password resets) can be read without a
real mail server and nothing ever leaves the machine.
"""
import argparse
import datetime
import pathlib
import signal
import sys
import uuid

from aiosmtpd.controller import Controller


class DirectoryHandler:
    "Write each message into a directory as one .eml file"

    def __init__(self, directory):
        self.directory = directory

    async def handle_DATA(self, server, session, envelope):
        # The envelope is not in the message itself (Bcc recipients are
        # only there), so keep it as extra headers.
        envelope_headers = (
            f'X-Envelope-From: {envelope.mail_from}\r\n'
            f'X-Envelope-To: {", ".join(envelope.rcpt_tos)}\r\n')
        stamp = datetime.datetime.now().strftime('%Y%m%d-%H%M%S')
        name = f'{stamp}-{uuid.uuid4().hex[:8]}.eml'
        # Write under a hidden name first so that a reader never sees a
        # partial message.
        partial = self.directory / f'.{name}.part'
        partial.write_bytes(
            envelope_headers.encode('ascii', 'replace')
            + (envelope.original_content or envelope.content))
        partial.rename(self.directory / name)
        print(
            f'{name}: {envelope.mail_from} -> {", ".join(envelope.rcpt_tos)}',
            flush=True)
        return '250 Message accepted for delivery'


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--host', default='127.0.0.1')
    parser.add_argument('--port', type=int, default=8025)
    parser.add_argument(
        '--directory', type=pathlib.Path, default=pathlib.Path('var/mail'))
    args = parser.parse_args()

    args.directory.mkdir(parents=True, exist_ok=True)
    controller = Controller(
        DirectoryHandler(args.directory), hostname=args.host, port=args.port,
        enable_SMTPUTF8=True)
    controller.start()
    print(
        f'SMTP sink on {args.host}:{args.port}, writing to {args.directory}',
        flush=True)

    # The server runs in its own thread: the main one only waits for the
    # signal that ends the demo, then stops the server cleanly.
    def stop(signum, frame):
        controller.stop()
        sys.exit(0)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    while True:
        signal.pause()


if __name__ == '__main__':
    main()
