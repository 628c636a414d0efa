"""Browser test: a commercial user records a lead in the web client (sao).

The test prepares its own database (terra_client_mgmt activated in Spanish,
restored from DB_CACHE when warm), starts its own trytond server serving
var/sao, then drives headless Chromium through Playwright.

The database is prepared in a child process (this file run as a script)
because trytond's test helpers bind the database name and the pool to the
process; the rest of the suite keeps its own.

Environment:
    TRYTOND_DATABASE_URI  sqlite:// (default) or postgresql://...
    DB_CACHE              optional cache of activated databases (see Makefile)
    CHROMIUM              browser executable (default /usr/bin/chromium)
    TERRA_BROWSER_SCREENSHOTS  set to keep tests/artifacts/lead-form.png
"""
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from decimal import Decimal
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAO_ROOT = ROOT / 'var' / 'sao'
INSTALL_SAO = ROOT / 'scripts' / 'install_sao.sh'
ARTIFACTS = HERE / 'artifacts'
CHROMIUM = os.environ.get('CHROMIUM', '/usr/bin/chromium')
CHROMIUM_ARGS = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
    '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync',
    ]
MODULE = 'terra_client_mgmt'
LANG = 'es'
LOGIN = 'comercial'
PASSWORD = 'Terra-Comercial-2024'
TIMEOUT = 30_000  # milliseconds, for every browser wait
SERVER_START_TIMEOUT = 60  # seconds
# Set to keep a screenshot of the filled lead form in tests/artifacts
SCREENSHOTS = bool(os.environ.get('TERRA_BROWSER_SCREENSHOTS'))


# --- database preparation (child process) ---------------------------------

def _prepare_database(output):
    """Create the database DB_NAME for the test and write to output (JSON)
    the strings the browser will see.
    Runs in a child process, with TRYTOND_* and DB_* set by the parent."""
    from trytond.pool import Pool
    from trytond.tests.test_tryton import DB_NAME, activate_module
    from trytond.transaction import Transaction

    activate_module([MODULE], lang=LANG)

    with Transaction().start(DB_NAME, 0) as transaction:
        pool = Pool()
        Company = pool.get('company.company')
        Currency = pool.get('currency.currency')
        Employee = pool.get('company.employee')
        Lang = pool.get('ir.lang')
        ModelData = pool.get('ir.model.data')
        Party = pool.get('party.party')
        User = pool.get('res.user')

        currency, = Currency.create([{
                    'name': "US Dollar",
                    'code': 'USD',
                    'symbol': '$',
                    'rounding': Decimal('0.01'),
                    'digits': 2,
                    }])
        company_party, employee_party = Party.create([
                {'name': "TERRA GROUP S.A."},
                {'name': "Carla Comercial"},
                ])
        company, = Company.create([{
                    'party': company_party.id,
                    'currency': currency.id,
                    }])
        employee, = Employee.create([{
                    'party': employee_party.id,
                    'company': company.id,
                    }])
        lang, = Lang.search([('code', '=', LANG)])
        group_id = ModelData.get_id(MODULE, 'group_commercial')
        user, = User.create([{
                    'name': "Carla Comercial",
                    'login': LOGIN,
                    'password': PASSWORD,
                    'language': lang.id,
                    'groups': [('add', [group_id])],
                    'companies': [('add', [company.id])],
                    'company': company.id,
                    'employees': [('add', [employee.id])],
                    'employee': employee.id,
                    }])
        transaction.commit()
        user_id = user.id

    # Read the labels as the user sees them, in the user's language
    with Transaction().start(DB_NAME, user_id):
        User = Pool().get('res.user')
        context = User.get_preferences(context_only=True)
    with Transaction().start(DB_NAME, user_id, context=context) as transaction:
        pool = Pool()
        Menu = pool.get('ir.ui.menu')
        ModelData = pool.get('ir.model.data')
        Opportunity = pool.get('sale.opportunity')

        # Another lead, so that the test sees the list being filtered
        Opportunity.create([{
                    'description': "Lead existente",
                    'channel': 'web',
                    }])
        transaction.commit()

        menu_names = [
            Menu(ModelData.get_id(MODULE, xml_id)).name
            for xml_id in ['menu_client_management', 'menu_opportunity']]
        fields = Opportunity.fields_get(['channel', 'description'])
        channels = dict(fields['channel']['selection'])
    with open(output, 'w') as file:
        json.dump({
                'menu': menu_names,
                'channel': channels['commercial_visit'],
                'description': fields['description']['string'],
                }, file)


# --- fixtures ---------------------------------------------------------------

def _free_port():
    with socket.socket() as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _backend(uri):
    return uri.split(':', 1)[0]


def _drop_postgresql(uri, name):
    import psycopg
    with psycopg.connect(
            uri.rstrip('/') + '/postgres', autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


def _stop(process):
    "Stop the process group of process, by its id"
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass


@pytest.fixture(scope='module')
def sao_root():
    if not (SAO_ROOT / 'dist').is_dir():
        subprocess.run(
            ['sh', str(INSTALL_SAO), str(SAO_ROOT)], check=True,
            timeout=300)
    return SAO_ROOT


@pytest.fixture(scope='module')
def tryton_server(sao_root):
    "Yield (url, database, labels, log) of a trytond server on a new database"
    uri = os.environ.get('TRYTOND_DATABASE_URI') or 'sqlite://'
    backend = _backend(uri)
    if backend not in {'sqlite', 'postgresql'}:
        pytest.skip(f"Unsupported backend {backend}")
    tmp = Path(tempfile.mkdtemp(prefix='terra-browser-'))
    name = f'terra_browser_{uuid.uuid4().hex[:12]}'
    port = _free_port()
    env = os.environ.copy()
    env.pop('TRYTOND_CONFIG', None)
    env.update({
            'TRYTOND_DATABASE_URI': uri,
            'TRYTOND_DATABASE__PATH': str(tmp),
            'DB_NAME': name,
            })
    config = tmp / 'trytond.conf'
    config.write_text(
        '[database]\n'
        f'uri = {uri}\n'
        f'path = {tmp}\n'
        # Listing the databases of a shared PostgreSQL cluster is slow and
        # blocks while others restore databases: type the name instead.
        'list = False\n'
        '[web]\n'
        f'listen = 127.0.0.1:{port}\n'
        f'root = {sao_root}\n')
    log = tmp / 'trytond.log'
    process = None
    try:
        labels = tmp / 'labels.json'
        start = time.monotonic()
        subprocess.run(
            [sys.executable, __file__, 'prepare', str(labels)],
            env=env, check=True, timeout=600, cwd=tmp,
            stdout=subprocess.DEVNULL)
        print(f"database prepared in {time.monotonic() - start:.1f}s")
        labels = json.loads(labels.read_text())

        start = time.monotonic()
        with open(log, 'wb') as log_file:
            process = subprocess.Popen(
                [str(Path(sys.executable).with_name('trytond')),
                    '-c', str(config), '-d', name],
                env=env, stdout=log_file, stderr=subprocess.STDOUT,
                start_new_session=True, cwd=tmp)
        url = f'http://127.0.0.1:{port}/'
        _wait_server(url, process, log)
        print(f"server started in {time.monotonic() - start:.1f}s")
        yield url, name, labels, log
    finally:
        if process is not None:
            _stop(process)
        if backend == 'postgresql':
            _drop_postgresql(uri, name)
        shutil.rmtree(tmp, ignore_errors=True)


def _wait_server(url, process, log):
    deadline = time.monotonic() + SERVER_START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(
                "trytond exited:\n" + log.read_text(errors='replace'))
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    pytest.fail("trytond did not answer:\n" + log.read_text(errors='replace'))


# --- the test ---------------------------------------------------------------

@pytest.fixture
def browser_page(tmp_path):
    "Yield a page of a headless Chromium with a fresh profile"
    sync_api = pytest.importorskip('playwright.sync_api')
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        pytest.skip(f"No Chromium at {CHROMIUM}")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / 'chromium-profile'), executable_path=CHROMIUM,
            args=CHROMIUM_ARGS, headless=True, locale='es-ES',
            viewport={'width': 1400, 'height': 900})
        try:
            context.set_default_timeout(TIMEOUT)
            page = context.new_page()
            page.console_messages = []
            page.on('console', lambda message: page.console_messages.append(
                    f'{message.type}: {message.text}'))
            page.on('pageerror', lambda error: page.console_messages.append(
                    f'pageerror: {error}'))
            yield page
        finally:
            context.close()


def _save_artifacts(page, name, server_log=None):
    ARTIFACTS.mkdir(exist_ok=True)
    stem = ARTIFACTS / f'{name}-{time.strftime("%Y%m%d-%H%M%S")}'
    saved = []
    try:
        page.screenshot(path=f'{stem}.png', full_page=True)
        saved.append(f'{stem}.png')
    except Exception:
        pass
    try:
        Path(f'{stem}.html').write_text(page.content())
        saved.append(f'{stem}.html')
    except Exception:
        pass
    Path(f'{stem}.console.txt').write_text(
        '\n'.join(getattr(page, 'console_messages', [])))
    saved.append(f'{stem}.console.txt')
    if server_log and server_log.exists():
        shutil.copy(server_log, f'{stem}.trytond.log')
        saved.append(f'{stem}.trytond.log')
    return saved


def _wait_idle(page):
    """Wait until sao runs no RPC call and no toolbar action: sao ignores
    the clicks on toolbar buttons while an action of the tab runs."""
    page.wait_for_function("""() => {
        if (!window.jQuery || jQuery.active) {
            return false;
        }
        const tab = Sao.Tab.tabs.get_current();
        return !tab || !tab._action_running;
    }""")


def test_commercial_records_lead(tryton_server, browser_page):
    "A commercial user records a lead from the Client Management menu"
    from playwright.sync_api import expect
    expect.set_options(timeout=TIMEOUT)

    url, database, labels, server_log = tryton_server
    page = browser_page
    if (ROOT / MODULE / 'locale' / f'{LANG}.po').exists():
        # The user works in Spanish: the module's own strings are translated
        assert labels['menu'][0] != "Client Management", labels
        assert labels['menu'][1] != "Leads and Opportunities", labels
        assert labels['channel'] != "Commercial Visit", labels
    description = f'Visita finca {uuid.uuid4().hex[:8]}'
    try:
        # Log in: database, user name, then the password dialog
        page.goto(f'{url}#{database}')
        dialog = page.locator('.login-dialog')
        database_field = dialog.locator('[name=database]:visible')
        expect(database_field).to_have_count(1)
        if database_field.evaluate('e => e.tagName') == 'SELECT':
            database_field.select_option(database)
        elif not database_field.evaluate('e => e.readOnly'):
            database_field.fill(database)
        expect(database_field).to_have_value(database)
        dialog.locator('#login').fill(LOGIN)
        dialog.locator('button[type=submit]').click()
        password = page.locator('.ask-dialog input[name=password]')
        password.fill(PASSWORD)
        password.press('Enter')

        # Menu: Client Management > Leads and Opportunities
        top_name, leads_name = labels['menu']
        menu = page.locator('#menu')

        def menu_row(name):
            return menu.locator('tbody tr').filter(
                has=page.locator(f'div.column-char[title="{name}"]'))
        top = menu_row(top_name)
        expect(top).to_be_visible()
        leads = menu_row(leads_name)
        if not leads.is_visible():
            top.locator('.expander').click()
        leads.locator('div.column-char').click()

        tab = page.locator('#tabcontent > .tab-pane.active')
        expect(tab.locator('.title-long')).to_contain_text(leads_name)
        rows = tab.locator('.treeview tbody tr')
        expect(rows).to_have_count(1)  # the lead created beforehand

        # New lead: no party, a description and the channel
        _wait_idle(page)
        tab.locator('button#new_').click()
        form = tab.locator('.form')
        # sao focuses the first field once the new record is displayed
        page.wait_for_function(
            """() => {
                const form = document.querySelector(
                    '#tabcontent > .tab-pane.active .form');
                return form && form.contains(document.activeElement);
            }""")
        field = form.locator('input[name=description]')
        field.fill(description)
        field.press('Tab')
        expect(field).to_have_value(description)
        channel = form.locator('select[name=channel]')
        channel.select_option(label=labels['channel'])
        expect(channel).to_have_value('"commercial_visit"')
        _wait_idle(page)
        expect(field).to_have_value(description)
        if SCREENSHOTS:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / 'lead-form.png'))

        _wait_idle(page)
        tab.locator('button#save').click()
        number = form.locator('input[name=number]')
        expect(number).not_to_have_value('')
        number = number.input_value()
        expect(field).to_have_value(description)
        expect(form.locator('select[name=state]')).to_have_value('"lead"')

        # Back to the list, filtered on the description
        _wait_idle(page)
        tab.locator('button#switch_').click()
        expect(tab.locator('.form')).to_have_count(0)
        expect(rows).to_have_count(2)
        search = tab.locator('.filter-box input').first
        search.fill(f'{labels["description"]}: "{description}"')
        search.press('Enter')
        expect(rows).to_have_count(1)
        row = rows.first
        expect(row.locator(
                f'div.column-char[title="{description}"]')).to_have_count(1)
        expect(row.locator(
                f'div.column-char[title="{number}"]')).to_be_visible()
        expect(row).to_contain_text(labels['channel'])
    except Exception:
        saved = _save_artifacts(page, 'test_commercial_records_lead',
            server_log)
        print("Saved:", *saved, sep='\n  ')
        raise


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'prepare':
        _prepare_database(sys.argv[2])
    else:
        sys.exit(f"usage: {sys.argv[0]} prepare OUTPUT")
