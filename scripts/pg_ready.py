"""Exit 0 when the PostgreSQL server of the URI given accepts connections."""
import sys

import psycopg


def main(uri):
    try:
        psycopg.connect(
            uri.rstrip('/') + '/postgres', connect_timeout=3).close()
    except psycopg.Error:
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1]))
