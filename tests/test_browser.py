"""Browser tests of the web client (sao):
- a commercial user records a lead;
- an Operaciones technician opens the visit calendar, opens his visit,
  starts it, records a product used and finishes it;
- a customer care user registers a client's complaint about a visit and
  routes it to Operaciones.

The tests share a database prepared for them (terra_client_mgmt activated in
Spanish, restored from DB_CACHE when warm) and a trytond server serving
var/sao, and drive headless Chromium through Playwright.

The database is prepared in a child process (this file run as a script)
because trytond's test helpers bind the database name and the pool to the
process; the rest of the suite keeps its own.

Environment:
    TRYTOND_DATABASE_URI  sqlite:// (default) or postgresql://...
    DB_CACHE              optional cache of activated databases (see Makefile)
    CHROMIUM              browser executable (default /usr/bin/chromium)
    TERRA_BROWSER_SCREENSHOTS  set to keep screenshots in tests/artifacts:
        lead-form.png, visit-calendar.png, visit-done.png,
        visit-certificate.png, complaint-form.png, complaint-route.png and
        complaint-routed.png
"""
import base64
import contextlib
import datetime as dt
import json
import os
import re
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
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

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
TECHNICIAN_LOGIN = 'operaciones'
TECHNICIAN_PASSWORD = 'Terra-Operaciones-2024'
CARE_LOGIN = 'atencion'
CARE_PASSWORD = 'Terra-Atencion-2024'
ADMIN_PASSWORD = 'Terra-Admin-2024'  # for the checks through JSON-RPC
# The browser's clock, which the calendar uses, and the company's
BROWSER_TIMEZONE = 'Europe/Madrid'
VISIT_TIME = dt.time(10, 0)  # local time of the technician's visit today
TIMEOUT = 30_000  # milliseconds, for every browser wait
SERVER_START_TIMEOUT = 60  # seconds
# Set to keep screenshots of the main screens in tests/artifacts
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
                    'timezone': BROWSER_TIMEZONE,
                    }])
        employee, = Employee.create([{
                    'party': employee_party.id,
                    'company': company.id,
                    }])
        user = _create_user(
            "Carla Comercial", LOGIN, PASSWORD, 'group_commercial',
            company, employee)
        visit = _prepare_visit(company)
        complaint = _prepare_complaint(company)
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
    visit.update(_visit_labels(visit['user'], visit['id']))
    complaint.update(_complaint_labels(
            complaint['user'], complaint['type'], visit['id']))
    with open(output, 'w') as file:
        json.dump({
                'menu': menu_names,
                'channel': channels['commercial_visit'],
                'description': fields['description']['string'],
                'visit': visit,
                'complaint': complaint,
                }, file)


def _create_user(name, login, password, group, company, employee):
    "A user of one TERRA group, in Spanish, working as the employee"
    from trytond.pool import Pool

    pool = Pool()
    Lang = pool.get('ir.lang')
    ModelData = pool.get('ir.model.data')
    User = pool.get('res.user')
    lang, = Lang.search([('code', '=', LANG)])
    user, = User.create([{
                'name': name,
                'login': login,
                'password': password,
                'language': lang.id,
                'groups': [('add', [ModelData.get_id(MODULE, group)])],
                'companies': [('add', [company.id])],
                'company': company.id,
                'employees': [('add', [employee.id])],
                'employee': employee.id,
                }])
    return user


def _prepare_visit(company):
    """Create as root a technician of Operaciones, qualified for rodent
    control, and his visit planned today at VISIT_TIME in the browser's
    timezone, which has no checklist so that it can be finished once a
    product used is recorded. Return its description."""
    from trytond.pool import Pool
    pool = Pool()
    Employee = pool.get('company.employee')
    Intervention = pool.get('terra.intervention')
    ModelData = pool.get('ir.model.data')
    Party = pool.get('party.party')
    Qualification = pool.get('terra.employee.qualification')
    Template = pool.get('product.template')
    TreatmentType = pool.get('terra.treatment.type')

    tzinfo = ZoneInfo(BROWSER_TIMEZONE)
    today = dt.datetime.now(tzinfo).date()

    treatment, = TreatmentType.create([{
                'name': "Desratización",
                'code': 'DRT',
                'requires_products': True,
                }])
    service, bait = Template.create([{
                'name': "Control de roedores",
                'type': 'service',
                'default_uom': ModelData.get_id('product', 'uom_unit'),
                'treatment_type': treatment.id,
                'products': [('create', [{}])],
                }, {
                'name': "Cebo rodenticida en bloque",
                'type': 'goods',
                'default_uom': ModelData.get_id('product', 'uom_kilogram'),
                'chemical': True,
                'registration_number': 'ES/RM-2021-14-00712',
                'active_ingredient': "Brodifacoum",
                'concentration': "0,0025 %",
                'products': [('create', [{}])],
                }])
    technician_party, client = Party.create([{
                'name': "Tomás Técnico",
                }, {
                'name': "Restaurante El Fogón",
                'addresses': [('create', [{
                                'street': "Calle Mayor 12",
                                'city': "Madrid",
                                }])],
                }])
    technician, = Employee.create([{
                'party': technician_party.id,
                'company': company.id,
                }])
    Qualification.create([{
                'employee': technician.id,
                'treatment_type': treatment.id,
                'licence_number': 'ROESB-2231',
                'licence_expiry': today + dt.timedelta(days=365),
                }])
    user = _create_user(
        "Tomás Técnico", TECHNICIAN_LOGIN, TECHNICIAN_PASSWORD,
        'group_operations', company, technician)
    start = dt.datetime.combine(today, VISIT_TIME, tzinfo=tzinfo).astimezone(
        dt.timezone.utc).replace(tzinfo=None)
    visit, = Intervention.create([{
                'company': company.id,
                'client': client.id,
                'address': client.addresses[0].id,
                'service': service.products[0].id,
                'treatment_type': treatment.id,
                'planned_start': start,
                'planned_end': start + dt.timedelta(hours=1),
                'employee': technician.id,
                # Received by the client's representative: the test records
                # only the product used
                'client_representative': "Rosa Martín",
                }])
    return {
        'user': user.id,
        'id': visit.id,
        'number': visit.number,
        'client': client.name,
        'product': bait.name,
        'registration_number': bait.registration_number,
        }


@contextlib.contextmanager
def _user_transaction(user_id):
    "A transaction as the user, in the user's language, for the user's pool"
    from trytond.pool import Pool
    from trytond.tests.test_tryton import DB_NAME
    from trytond.transaction import Transaction

    with Transaction().start(DB_NAME, user_id):
        User = Pool().get('res.user')
        context = User.get_preferences(context_only=True)
    with Transaction().start(DB_NAME, user_id, context=context):
        yield Pool()


def _visit_labels(user_id, visit_id):
    "The strings the technician sees, read as the technician"
    with _user_transaction(user_id) as pool:
        Button = pool.get('ir.model.button')
        Intervention = pool.get('terra.intervention')
        Lang = pool.get('ir.lang')
        Menu = pool.get('ir.ui.menu')
        ModelData = pool.get('ir.model.data')
        ProductUsed = pool.get('terra.intervention.product')

        # The technician sees his visit and only it
        assert [v.id for v in Intervention.search([])] == [visit_id]

        menu = [
            Menu(ModelData.get_id(MODULE, xml_id)).name
            for xml_id in [
                'menu_client_management', 'menu_intervention_form',
                'menu_intervention_calendar']]
        start, finish = Button.browse([
                ModelData.get_id(MODULE, 'intervention_start_button'),
                ModelData.get_id(MODULE, 'intervention_finish_button')])
        fields = Intervention.fields_get(['state', 'products'])
        states = dict(fields['state']['selection'])
        view = Intervention.fields_view_get(
            ModelData.get_id(MODULE, 'intervention_view_form'), 'form')
        arch = ET.fromstring(view['arch'])
        pages = {p.get('id'): p.get('string') for p in arch.iter('page')}
        methods = dict(ProductUsed.fields_get(
                ['application_method'])['application_method']['selection'])
        lang, = Lang.search([('code', '=', LANG)])
        return {
            'login': TECHNICIAN_LOGIN,
            'password': TECHNICIAN_PASSWORD,
            'menu': menu,
            'start': start.string,
            'finish': finish.string,
            'finish_confirm': finish.confirm,
            'state_in_progress': states['in_progress'],
            'state_done': states['done'],
            'treatment_page': pages['treatment'],
            'receipt_page': pages['receipt'],
            'products': fields['products']['string'],
            'application_method': methods['bait'],
            'decimal_point': lang.decimal_point,
            }


def _prepare_complaint(company):
    """Create as root a customer care user, a complaint type, the head of
    Operaciones and the rule routing the complaints of that type to
    Operaciones. Return their ids."""
    from trytond.pool import Pool
    pool = Pool()
    Area = pool.get('sale.complaint.area')
    Employee = pool.get('company.employee')
    ModelData = pool.get('ir.model.data')
    Party = pool.get('party.party')
    Rule = pool.get('sale.complaint.routing.rule')
    Type = pool.get('sale.complaint.type')
    User = pool.get('res.user')

    # The test checks the item through JSON-RPC as admin
    admin, = User.search([('login', '=', 'admin')])
    User.write([admin], {
            'password': ADMIN_PASSWORD,
            'companies': [('add', [company.id])],
            'company': company.id,
            })

    care_party, head_party = Party.create([
            {'name': "Alicia Atención"},
            {'name': "Sergio Supervisor"},
            ])
    care, head = Employee.create([{
                'party': care_party.id,
                'company': company.id,
                }, {
                'party': head_party.id,
                'company': company.id,
                }])
    user = _create_user(
        "Alicia Atención", CARE_LOGIN, CARE_PASSWORD, 'group_customer_care',
        company, care)
    type_, = Type.create([{'name': "Resultado del tratamiento"}])
    operations = Area(ModelData.get_id(MODULE, 'complaint_area_operations'))
    Area.write([operations], {'head': head.id})
    Rule.create([{
                'kind': 'complaint',
                'type': type_.id,
                'area': operations.id,
                }])
    return {
        'user': user.id,
        'type': type_.id,
        'type_name': type_.name,
        'area': operations.id,
        'head': head_party.name,
        }


def _complaint_labels(user_id, type_id, visit_id):
    "The strings the customer care user sees, read as that user"
    with _user_transaction(user_id) as pool:
        Area = pool.get('sale.complaint.area')
        Button = pool.get('ir.model.button')
        Complaint = pool.get('sale.complaint')
        Intervention = pool.get('terra.intervention')
        Menu = pool.get('ir.ui.menu')
        ModelData = pool.get('ir.model.data')
        RouteWizard = pool.get('sale.complaint.route', type='wizard')
        Type = pool.get('sale.complaint.type')

        # Customer care sees every visit of the company
        assert visit_id in [v.id for v in Intervention.search([])]

        menu = [
            Menu(ModelData.get_id(MODULE, xml_id)).name
            for xml_id in [
                'menu_client_management', 'menu_complaint_register']]
        route = Button(ModelData.get_id(MODULE, 'complaint_route_button'))
        fields = Complaint.fields_get([
                'kind', 'channel', 'state', 'customer', 'type', 'origin',
                'visit', 'description', 'area', 'responsible'])
        kinds = dict(fields['kind']['selection'])
        channels = dict(fields['channel']['selection'])
        states = dict(fields['state']['selection'])
        origins = dict(Complaint(type=Type(type_id)).get_origin())
        view = Complaint.fields_view_get(
            ModelData.get_id('sale_complaint', 'complaint_view_form'), 'form')
        arch = ET.fromstring(view['arch'])
        pages = {p.get('id'): p.get('string') for p in arch.iter('page')}
        wizard_buttons = {
            b['state']: b['string']
            for b in RouteWizard.states['start'].get_buttons(
                RouteWizard, 'start')}
        area = Area(ModelData.get_id(MODULE, 'complaint_area_operations'))
        return {
            'login': CARE_LOGIN,
            'password': CARE_PASSWORD,
            'menu': menu,
            'route': route.string,
            'route_confirm': wizard_buttons['route'],
            'kind': kinds['complaint'],
            'channel': channels['phone'],
            'state_draft': states['draft'],
            'state_waiting': states['waiting'],
            'origin_model': origins['terra.intervention'],
            'area_name': area.rec_name,
            'complaint_page': pages['complaint'],
            'routing_page': pages['routing'],
            'strings': {
                name: field['string'] for name, field in fields.items()},
            }


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


# --- the tests --------------------------------------------------------------

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
            timezone_id=BROWSER_TIMEZONE,
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


def _login(page, url, database, login, password):
    "Log in: database, user name, then the password dialog"
    from playwright.sync_api import expect
    page.goto(f'{url}#{database}')
    dialog = page.locator('.login-dialog')
    database_field = dialog.locator('[name=database]:visible')
    expect(database_field).to_have_count(1)
    if database_field.evaluate('e => e.tagName') == 'SELECT':
        database_field.select_option(database)
    elif not database_field.evaluate('e => e.readOnly'):
        database_field.fill(database)
    expect(database_field).to_have_value(database)
    dialog.locator('#login').fill(login)
    dialog.locator('button[type=submit]').click()
    password_field = page.locator('.ask-dialog input[name=password]')
    password_field.fill(password)
    password_field.press('Enter')


def _open_menu(page, names):
    """Open the menu entry at the path names (the names of the menus from
    the top one), expanding its parents, and return the active tab"""
    from playwright.sync_api import expect
    menu = page.locator('#menu')

    def menu_row(name):
        return menu.locator('tbody tr').filter(
            has=page.locator(f'div.column-char[title="{name}"]'))
    parent = menu_row(names[0])
    expect(parent).to_be_visible()
    for name in names[1:]:
        row = menu_row(name)
        if not row.is_visible():
            parent.locator('.expander').click()
        expect(row).to_be_visible()
        parent = row
    parent.locator('div.column-char').click()
    tab = page.locator('#tabcontent > .tab-pane.active')
    expect(tab.locator('.title-long')).to_contain_text(names[-1])
    return tab


def _rpc(url, database, method, params, session=None):
    "Call method on the server through JSON-RPC as the session's user"
    request = urllib.request.Request(
        f'{url}{database}/rpc/', method='POST',
        data=json.dumps({
                'id': 0, 'method': method, 'params': params}).encode(),
        headers={'Content-Type': 'application/json'})
    if session:
        token = base64.b64encode(':'.join(map(str, session)).encode())
        request.add_header('Authorization', f'Session {token.decode()}')
    with urllib.request.urlopen(request, timeout=30) as response:
        result = json.load(response)
    assert not result.get('error'), result['error']
    return result['result']


def _select_option(select, label):
    """Select the option of label in a selection field of a sao form and
    wait until sao has displayed the record again. That display rebuilds
    the options and selects the value later: a dialog validated meanwhile
    (by its OK button) reads no value and clears the field."""
    from playwright.sync_api import expect
    option = select.locator(f'option:text-is("{label}")')
    handle = option.element_handle()
    select.select_option(label=label)
    select.page.wait_for_function('option => !option.isConnected', arg=handle)
    expect(select.locator('option:checked')).to_have_text(label)


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
        _login(page, url, database, LOGIN, PASSWORD)

        # Menu: Client Management > Leads and Opportunities
        tab = _open_menu(page, labels['menu'])
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


def test_technician_finishes_visit(tryton_server, browser_page):
    """An Operaciones technician opens the visit calendar, opens his visit,
    starts it, records a product used and finishes it"""
    from playwright.sync_api import expect
    expect.set_options(timeout=TIMEOUT)

    url, database, labels, server_log = tryton_server
    visit = labels['visit']
    page = browser_page
    if (ROOT / MODULE / 'locale' / f'{LANG}.po').exists():
        assert visit['menu'][2] != "Visit Calendar", visit
        assert visit['state_done'] != "Done", visit
        assert visit['finish'] != "Finish", visit
    try:
        _login(page, url, database, visit['login'], visit['password'])

        # Client Management > Visits > Visit Calendar: the week of today
        tab = _open_menu(page, visit['menu'])
        calendar = tab.locator('.calendar')
        expect(calendar.locator('.fc-agendaWeek-view')).to_be_visible()
        event = calendar.locator('.fc-event').filter(has_text=visit['number'])
        expect(event).to_have_count(1)
        expect(event).to_be_visible()
        # At its time on the browser's clock
        expect(event.locator('.fc-time')).to_contain_text(
            VISIT_TIME.strftime('%-H:%M'))
        expect(event).to_contain_text(visit['client'])
        _wait_idle(page)
        if SCREENSHOTS:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / 'visit-calendar.png'))

        # Open the visit from the calendar. sao switches to the next view of
        # the action: with the views calendar, list, form it is the list
        # with the visit selected, which opens on a double click.
        event.click()
        form = tab.locator('.form')
        selected = tab.locator('.treeview tbody tr.selected')
        expect(form.or_(selected)).to_be_visible()
        if not form.is_visible():
            expect(selected).to_have_count(1)
            expect(selected).to_contain_text(visit['number'])
            _wait_idle(page)
            selected.locator('td').filter(has_text=visit['number']).dblclick()
        expect(form).to_be_visible()
        expect(form.locator('input[name=number]')).to_have_value(
            visit['number'])
        state = form.locator('select[name=state]')
        expect(state).to_have_value('"planned"')

        # Start it
        _wait_idle(page)
        form.get_by_role('button', name=visit['start'], exact=True).click()
        expect(state).to_have_value('"in_progress"')
        expect(state.locator('option:checked')).to_have_text(
            visit['state_in_progress'])
        expect(form.locator('input[name=actual_start]')).not_to_have_value('')

        # Treatment: record the product used, in the form of a new line
        _wait_idle(page)
        form.get_by_role('tab', name=visit['treatment_page']).click()
        products = form.locator('.form-one2many').filter(
            has=page.locator(
                'label.form-one2many-string', has_text=visit['products']))
        expect(products).to_be_visible()
        new_label = page.evaluate('Sao.i18n.gettext("New")')
        # Once shown (at the end of its fade-in) the dialog displays the new
        # line again, which clears what was typed before: wait for it
        page.evaluate("""() => {
            window.terraDialogShown = false;
            jQuery(document).one('shown.bs.modal', '.window-form', () => {
                window.terraDialogShown = true;
            });
        }""")
        products.get_by_role('button', name=new_label, exact=True).click()
        dialog = page.locator('.modal.window-form.in')
        expect(dialog).to_be_visible()
        page.wait_for_function('() => window.terraDialogShown')
        product = dialog.locator('input[name=product]')
        expect(product).to_be_focused()
        _wait_idle(page)
        product.fill(visit['product'][:4])
        dialog.locator('li.completion a').filter(
            has_text=visit['product']).click()
        expect(product).to_have_value(visit['product'])
        # Filled from the product sheet
        expect(dialog.locator('input[name=registration_number]')
            ).to_have_value(visit['registration_number'])
        expect(dialog.locator('input[name=unit]')).not_to_have_value('')
        dose = dialog.locator('input[name=dose]')
        dose.fill("20 g por portacebos")
        dose.press('Tab')
        # A number field shows the formatted value and, once focused, a
        # number input: the value typed is shown in the user's format
        quantity = dialog.locator('input[name=quantity]')
        quantity.locator('visible=true').click()
        number = dialog.locator('input[name=quantity][type=number]')
        expect(number).to_be_focused()
        number.fill('0.24')
        number.press('Tab')
        expect(quantity.locator('visible=true')).to_have_value(
            f'0{visit["decimal_point"]}24')
        pest = dialog.locator('input[name=target_pest]')
        pest.fill("Rattus norvegicus")
        pest.press('Tab')
        _select_option(
            dialog.locator('select[name=application_method]'),
            visit['application_method'])
        _wait_idle(page)
        dialog.locator('.modal-footer .btn-primary').click()
        expect(dialog).to_have_count(0)
        lines = products.locator('.treeview tbody tr')
        expect(lines).to_have_count(1)
        expect(lines.first).to_contain_text(visit['product'])
        expect(lines.first).to_contain_text(visit['application_method'])

        # Save: the save button is enabled only while there are changes
        _wait_idle(page)
        save = tab.locator('button#save')
        expect(save).to_be_enabled()
        save.click()
        expect(save).to_be_disabled()
        _wait_idle(page)

        # Finish it, once confirmed
        form.get_by_role('button', name=visit['finish'], exact=True).click()
        confirmation = page.locator('.confirmation-dialog.in')
        expect(confirmation).to_contain_text(visit['finish_confirm'])
        confirmation.locator('.modal-footer .btn-primary').click()
        expect(state).to_have_value('"done"')
        expect(state.locator('option:checked')).to_have_text(
            visit['state_done'])
        expect(form.locator('input[name=actual_end]')).not_to_have_value('')
        expect(lines).to_have_count(1)
        _wait_idle(page)
        if SCREENSHOTS:
            expect(page.locator('.modal-backdrop')).to_have_count(0)
            form.locator('input[name=number]').scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / 'visit-done.png'))
        # The client receives a numbered certificate
        form.get_by_role('tab', name=visit['receipt_page']).click()
        certificate = form.locator('input[name=certificate_number]')
        expect(certificate).to_be_visible()
        expect(certificate).to_have_value(re.compile(r'^CS-\d{4}-\d+$'))
        certificate = certificate.input_value()
        if SCREENSHOTS:
            page.screenshot(path=str(ARTIFACTS / 'visit-certificate.png'))
    except Exception:
        saved = _save_artifacts(page, 'test_technician_finishes_visit',
            server_log)
        print("Saved:", *saved, sep='\n  ')
        raise

    # The server has the visit done with the product used
    user_id, token, _ = _rpc(url, database, 'common.db.login', [
            visit['login'], {'password': visit['password']}, LANG])
    session = (visit['login'], user_id, token)
    try:
        record, = _rpc(url, database, 'model.terra.intervention.read', [
                [visit['id']], ['state', 'certificate_number', 'products'],
                {}], session)
        assert record['state'] == 'done', record
        assert record['certificate_number'] == certificate, record
        line, = _rpc(url, database, 'model.terra.intervention.product.read', [
                record['products'],
                ['product.rec_name', 'quantity', 'registration_number'], {}],
            session)
        assert line['product.']['rec_name'] == visit['product'], line
        assert line['quantity'] == 0.24, line
        assert line['registration_number'] == visit['registration_number']
    finally:
        _rpc(url, database, 'common.db.logout', [], session)


def test_customer_care_routes_complaint(tryton_server, browser_page):
    """A customer care user registers a client's phone complaint about a
    visit and routes it: the routing rule sends it to Operaciones"""
    from playwright.sync_api import expect
    expect.set_options(timeout=TIMEOUT)

    url, database, labels, server_log = tryton_server
    complaint = labels['complaint']
    strings = complaint['strings']
    visit = labels['visit']
    page = browser_page
    if (ROOT / MODULE / 'locale' / f'{LANG}.po').exists():
        assert complaint['menu'][1] != "Complaints and Requests", complaint
        assert complaint['route'] != "Route", complaint
        assert complaint['kind'] != "Complaint", complaint
        assert complaint['state_waiting'] != "In Progress", complaint
        assert complaint['area_name'] != "Operations", complaint
        assert strings['kind'] != "Kind", complaint
    description = (
        f"Siguen apareciendo ratones en el almacén ({uuid.uuid4().hex[:8]})")
    try:
        _login(page, url, database, complaint['login'], complaint['password'])

        # Client Management > Complaints and Requests: the received items
        tab = _open_menu(page, complaint['menu'])
        expect(tab.locator('.treeview')).to_be_visible()

        # New item
        _wait_idle(page)
        tab.locator('button#new_').click()
        form = tab.locator('.form')
        # sao focuses the first field (the customer) once the new record is
        # displayed
        customer = form.locator('input[name=customer]')
        expect(customer).to_be_focused()
        state = form.locator('select[name=state]')
        expect(state).to_have_value('"draft"')
        expect(state.locator('option:checked')).to_have_text(
            complaint['state_draft'])

        # The client of the visit, from the completion
        _wait_idle(page)
        customer.fill(visit['client'][:6])
        form.locator('li.completion a').filter(
            has_text=visit['client']).click()
        expect(customer).to_have_value(visit['client'])

        # Kind and channel: a complaint by phone
        kind = form.locator('select[name=kind]')
        if kind.locator('option:checked').inner_text() != complaint['kind']:
            _select_option(kind, complaint['kind'])
        expect(kind).to_have_value('"complaint"')
        channel = form.locator('select[name=channel]')
        if channel.locator('option:checked').inner_text() != (
                complaint['channel']):
            _select_option(channel, complaint['channel'])
        expect(channel).to_have_value('"phone"')

        # Page Complaint: the type, then the origin, whose models depend on
        # the type: the visit, which brings its technician
        _wait_idle(page)
        form.get_by_role('tab', name=complaint['complaint_page']).click()
        _select_option(
            form.locator('select[name=type]'), complaint['type_name'])
        _wait_idle(page)
        origin = form.locator('.form-reference').filter(
            has=page.locator('input[name=origin]'))
        origin_model = origin.locator('select')
        expect(origin_model).to_have_attribute('title', strings['origin'])
        expect(origin_model.locator(
                f'option:text-is("{complaint["origin_model"]}")')
            ).to_have_count(1)
        origin_model.select_option(label=complaint['origin_model'])
        expect(origin_model).to_have_value('terra.intervention')
        _wait_idle(page)
        origin_entry = origin.locator('input[name=origin]')
        origin_entry.fill(visit['number'])
        origin.locator('li.completion a').filter(
            has_text=visit['number']).click()
        expect(origin_entry).to_have_value(visit['number'])
        expect(form.locator('input[name=visit]')).to_have_value(
            visit['number'])
        expect(form.locator('input[name=technician]')).not_to_have_value('')
        _wait_idle(page)
        field = form.locator('textarea[name=description]')
        field.fill(description)
        field.press('Tab')
        expect(field).to_have_value(description)
        _wait_idle(page)
        if SCREENSHOTS:
            ARTIFACTS.mkdir(exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / 'complaint-form.png'))

        # Save: the item is numbered
        save = tab.locator('button#save')
        expect(save).to_be_enabled()
        save.click()
        expect(save).to_be_disabled()
        number = form.locator('input[name=number]')
        expect(number).not_to_have_value('')
        number = number.input_value()
        expect(field).to_have_value(description)
        expect(origin_entry).to_have_value(visit['number'])

        # Route it: the rule of complaints of the type proposes Operaciones
        # and its head
        _wait_idle(page)
        form.get_by_role('button', name=complaint['route'], exact=True
            ).click()
        dialog = page.locator('.modal.wizard-dialog.in')
        expect(dialog).to_be_visible()
        expect(dialog.locator('input[name=area]')).to_have_value(
            complaint['area_name'])
        expect(dialog.locator('input[name=responsible]')).to_have_value(
            complaint['head'])
        _wait_idle(page)
        if SCREENSHOTS:
            page.screenshot(path=str(ARTIFACTS / 'complaint-route.png'))
        dialog.locator('.modal-footer').get_by_role(
            'button', name=complaint['route_confirm'], exact=True).click()
        expect(dialog).to_have_count(0)

        # In progress, with Operaciones
        expect(state).to_have_value('"waiting"')
        expect(state.locator('option:checked')).to_have_text(
            complaint['state_waiting'])
        _wait_idle(page)
        form.get_by_role('tab', name=complaint['routing_page']).click()
        area = form.locator('input[name=area]')
        expect(area).to_be_visible()
        expect(area).to_have_value(complaint['area_name'])
        expect(form.locator('input[name=responsible]')).to_have_value(
            complaint['head'])
        routings = form.locator('.form-one2many .treeview tbody tr')
        expect(routings).to_have_count(1)
        expect(routings.first).to_contain_text(complaint['area_name'])
        _wait_idle(page)
        expect(page.locator('.modal-backdrop')).to_have_count(0)
        if SCREENSHOTS:
            page.screenshot(path=str(ARTIFACTS / 'complaint-routed.png'))
    except Exception:
        saved = _save_artifacts(
            page, 'test_customer_care_routes_complaint', server_log)
        print("Saved:", *saved, sep='\n  ')
        raise

    # The server has the item in progress in Operaciones, about the visit,
    # with the trace of who routed it
    user_id, token, _ = _rpc(url, database, 'common.db.login', [
            'admin', {'password': ADMIN_PASSWORD}, LANG])
    session = ('admin', user_id, token)
    try:
        record, = _rpc(url, database, 'model.sale.complaint.search_read', [
                [['number', '=', number]], 0, None, None,
                ['state', 'kind', 'channel', 'customer', 'type', 'origin',
                    'visit', 'area', 'responsible', 'description',
                    'routings'],
                {}], session)
        assert record['state'] == 'waiting', record
        assert record['kind'] == 'complaint', record
        assert record['channel'] == 'phone', record
        assert record['type'] == complaint['type'], record
        assert record['origin'] == f'terra.intervention,{visit["id"]}', record
        assert record['visit'] == visit['id'], record
        assert record['area'] == complaint['area'], record
        assert record['description'] == description, record
        routing, = _rpc(
            url, database, 'model.sale.complaint.routing.read', [
                record['routings'], ['user', 'area', 'responsible'], {}],
            session)
        assert routing['user'] == complaint['user'], routing
        assert routing['area'] == complaint['area'], routing
        assert routing['responsible'] == record['responsible'], routing
    finally:
        _rpc(url, database, 'common.db.logout', [], session)


if __name__ == '__main__':
    if len(sys.argv) == 3 and sys.argv[1] == 'prepare':
        _prepare_database(sys.argv[2])
    else:
        sys.exit(f"usage: {sys.argv[0]} prepare OUTPUT")
