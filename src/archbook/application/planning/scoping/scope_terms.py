"""What a feature is about, read from the words of its context session against the
repository's vocabulary: the kinds of change, the existing and new resources, the
external systems it brings and the packages to add. Apart from ``scope``, which
places the feature in files (moves, named paths, names, routes): these readers
share their own word lists and no file.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Callable

from archbook.application.code_facts.knowledge import RepoKnowledge
from archbook.application.planning.context_session import ContextSession
from archbook.application.planning.naming import (
    plural,
    singular,
    snake,
    without_ticket_keys,
    word_set,
)
from archbook.application.planning.scoping.repo_index import ROLE_WORDS, RepoIndex, term_words
from archbook.application.planning.session_text import prose

# External systems and the package each usually brings (the scope is editable).
TECHNOLOGIES = {
    "redis": "redis",
    "s3": "boto3",
    "whisper": "faster-whisper",
    "pdf": "weasyprint",
    "email": "aiosmtplib",
    "e-mail": "aiosmtplib",
    "smtp": "aiosmtplib",
    "stripe": "stripe",
    "redsys": "",
    "paypal": "",
    "openai": "openai",
    "anthropic": "anthropic",
    "kafka": "aiokafka",
    "rabbitmq": "aio-pika",
    "celery": "celery",
    "arq": "arq",
    "png": "pillow",
    "image": "pillow",
    "sendgrid": "sendgrid",
    "twilio": "twilio",
    "elasticsearch": "elasticsearch",
    "opensearch": "opensearch-py",
    "meilisearch": "meilisearch",
    "chromadb": "chromadb",
    "qdrant": "qdrant-client",
    "pinecone": "pinecone",
    "weaviate": "weaviate-client",
    "milvus": "pymilvus",
    "pgvector": "pgvector",
    "neo4j": "neo4j",
    "ollama": "ollama",
    "mistral": "mistralai",
    "cohere": "cohere",
    "groq": "groq",
    "mcp": "mcp",
    "sentry": "sentry-sdk",
    "minio": "minio",
}


# Words that mark a kind of change, in the languages sessions were met in; names,
# paths and identifiers matter more and are used first.
KIND_WORDS = {
    "data_model": r"field|column|attribute|property|campo|columna|atributo|champ|feld",
    "deletion": r"delete|deletes|deleting|remove|removal|purge|cleanup|clean up|eliminar|"
    r"borrar|purga|limpieza|supprimer",
    "refactor": r"refactor\w*|restructur\w*|reorganiz\w*|decoupl\w*|ddd|"
    r"refactoriz\w*|desacopl\w*|reestructur\w*",
    "performance": r"slow\w*|latency|p95|p50|timeout|n\+1|optimi[sz]\w*|lent\w*",
    "question": r"should (?:i|we)|which is better|versus|deber[ií]amos",
}


# Words that take back the kind word after them: "archive it instead of deleting it".
NEGATED = re.compile(
    r"\b(?:instead of|rather than|without|not|never|nor|neither|no longer|en lugar de|"
    r"en vez de|sin|ni|nunca|au lieu de|sans|jamais|nem|não|sem|em vez de)\s+(?:\w+\s+){0,2}\Z",
    re.I,
)


SYNONYMS = {
    "email": ("mail", "smtp"),
    "e-mail": ("mail", "smtp"),
    "smtp": ("mail", "smtp"),
    "s3": ("s3", "boto", "storage"),
    "image": ("image", "pillow", "pil"),
    "png": ("image", "pillow", "png"),
}


CANONICAL = {"e-mail": "email", "smtp": "email", "png": "image"}


PACKAGE_WORDS = re.compile(
    r"package|dependency|dependencia|library|librer[ií]a|install|paquete|pip|poetry|uv add",
    re.I,
)


# A heading over the capabilities a change adds (OpenSpec's "New Capabilities"), and
# an item led by the name it gives one.
CAPABILITIES = re.compile(r"capabilit|capacidad|capacit", re.I)
LABELLED_NAME = re.compile(r"\s*(?:[-*+]\s*)?`([^`\s]+)`\s*:")


CHANGE_NAME = re.compile(r"^(?:add|make|introduce|remove|fix|update|schedule|invalidate)-")


MIN_MENTIONS = 3


SHORT_SESSION = 120  # words; a short session names each resource fewer times


# Class-name endings that say the session names a stored resource.
RESOURCE_SUFFIXES = ("Repository", "Entity", "Record", "Model", "Aggregate")
# What a session's bold labels name that is no stored resource of its own: settings,
# structure, process ("**Credentials**: production and test environments"), and the
# labels of a spec template ("**Acceptance Scenarios**:", "Success Criteria").
NOT_RESOURCES = word_set(
    "type kind field option setting credential environment config configuration detail "
    "step note change requirement constraint decision question test flow rule endpoint route "
    "component layer view page screen hook module file folder package library tool "
    "metadata operation scenario criterion outcome assumption clarification story case"
)
# Words of a request's title that say what is asked, never what it is about, whatever
# the repository names with them ("Proposal: Add Guest Workspaces").
REQUEST_WORDS = word_set(
    "add adds adding proposal propose spec specification feature epic implement "
    "introduce support enable allow make"
)
# Endings of words that are no plurals ("logistics", "status", "analysis").
NO_PLURAL_ENDINGS = ("ics", "ss", "us", "is")
# A word naming something done (``classification``, ``generation``, ``booking``).
ACTION_NOUN = re.compile(r"(?:[ts]ion|ment|[a-z]{3}ing|ysis)$")
# Words that make a bold label a phrase rather than a name, in the languages sessions
# were met in ("**Rotation sans duplicates**:", "**Cost per request**:").
PHRASE_WORDS = word_set(
    "without with per for of to from by vs versus and or no not than sans avec pour par "
    "de du des le la les un une et ou sin con para por del el los las y sem com do da "
    "dos das ohne mit und oder"
)
# Who a feature is for ("**Target Users**:", "**Developers**:"): no stored resource.
AUDIENCE = word_set(
    "user developer team operator stakeholder audience persona reader maintainer "
    "contributor engineer"
)
# A heading over the user interface's part of a session.
FRONTEND_HEADING = re.compile(r"\b(?:frontend|front-end|ui|user interface|client|mobile)\b")
# The suffixes as words: a role, not the resource (``AccountRecord`` stores an account).
_SUFFIX_WORDS = frozenset(suffix.lower() for suffix in RESOURCE_SUFFIXES)
# A new stored resource named in prose: "a new `Invoice` entity", "a new Coupon
# aggregate", "a new entity called `coupon`", "introduce a `Genre` entity", "una
# nueva entidad `Cupón`", "une nouvelle entité Coupon"; and in Chinese or Japanese
# sessions by the Latin name they give it beside the words for adding and entity:
# "新增一个“发布（publish）实体", "`coupon` エンティティを追加". A name is quoted, or
# capitalised before "entity" or "aggregate": "a new Pydantic model", "a new REST
# resource" name none.
_QUOTED = r"[\"“'`「（(]\s*(?P<quoted>[A-Za-z][A-Za-z0-9_]{2,30})\s*[\"”'`」）)]"
_NAME = rf"(?:{_QUOTED}|(?P<capital>[A-Z][a-z][A-Za-z0-9]{{1,29}})(?![\w-]))"
_KIND = (
    r"(?P<kind>(?i:entity|aggregate|model|resource|table|entidad|agregado|modelo|recurso|"
    r"tabla|entité|agrégat|modèle|ressource))"
)
NEW_ENTITY = (
    re.compile(rf"\b(?i:new)\s+{_NAME}\s+{_KIND}\b"),
    # "Introduce a `Genre` entity", "adds a `Coupon` aggregate": quoted names only
    re.compile(
        rf"\b(?i:introduc\w*|add|adds|adding|create|creates|creating)\s+(?i:an?)\s+"
        rf"{_QUOTED}\s+{_KIND}\b"
    ),
    re.compile(
        rf"\b(?i:new|nuev[oa]s?|nouv(?:el|elle|eau))\s+{_KIND}\s+"
        rf"(?:(?:called|named|llamad[oa]|appelée?)\s+)?{_NAME}"
    ),
    re.compile(
        rf"(?:新增|新建|添加|增加|引入|追加|新規)[^。.\n]{{0,12}}?{_QUOTED}\s*[”」\"]?\s*"
        r"(?:实体|實體|模型|资源|エンティティ|モデル|リソース)"
    ),
    re.compile(
        rf"{_QUOTED}\s*[”」\"]?\s*(?:实体|實體|エンティティ)\s*(?:を|の)?\s*(?:追加|新規|作成|新增|新建)"
    ),
)
# A module of its own a spec introduces: "The Signalements module lets…", "a new
# `telemetry` capability" (a spec's unit of behaviour), "Le module
# Signalements permet…", "el módulo `Reservas`", "“报警”模块"; an existing one's name
# is then no new resource.
NEW_MODULE = (
    re.compile(rf"\b(?i:the|a|an|new)\s+{_NAME}\s+(?i:module|capability)\b"),
    re.compile(
        rf"\b(?i:le|un|nouveau|el|nuevo|o|um|novo|das|ein|neues)\s+"
        rf"(?i:module|m[óo]dulo|modul)\s+{_NAME}"
    ),
    re.compile(rf"{_QUOTED}\s*[”」\"]?\s*模块"),
)
# Names of technologies and of code, never a resource or module of the feature's own.
NOT_MODULES = word_set(
    "python fastapi pydantic sqlalchemy alembic celery redis django typescript react"
)
_NAMED_ONLY_QUOTED = frozenset(
    ("model", "resource", "table", "modelo", "recurso", "tabla", "modèle", "ressource")
)


# Resources a functional spec manages, named by its user stories and requirement
# headings: "Manage Positions", "Employee Management", "CRUD for invoices".
MANAGED = re.compile(
    r"\b[Mm]anag(?:e|ing)\s+(?:the\s+|all\s+)?(?P<plural>[A-Za-z][a-z]{2,30}s)\b"
    r"|\b(?P<name>[A-Z][a-z]{2,30})\s+[Mm]anagement\b"
    r"|\bCRUD\s+(?:for|of|on)\s+(?:the\s+|all\s+)?(?P<crud>[A-Za-z][a-z]{2,30})\b"
)
# What is managed without being a stored resource of the feature's own.
NOT_MANAGED = word_set(
    "session state error memory cache configuration dependency risk time key secret token "
    "access identity content data file change version release package permission role "
    "user account password credential project product lifecycle resource task metadata "
    "operation"
)


def managed_resources(text: str, mentions: Counter[str]) -> list[str]:
    """The resources ``text`` says are managed (``MANAGED``), each named at least
    ``MIN_MENTIONS`` times (``mentions``: singular words counted)."""
    found: list[str] = []
    for match in MANAGED.finditer(text):
        word = singular(snake(match.group("plural") or match.group("name") or match.group("crud")))
        if word in NOT_MANAGED or mentions[word] < MIN_MENTIONS or word in found:
            continue
        found.append(word)
    return found


def feature_subject(feature: str, mentions: Counter[str], plurals: set[str]) -> list[str]:
    """What a feature named after a thing and what is done to it works on
    (``phase-classification``, ``report-generation``: ``phase``, ``report``), when the
    session keeps naming it (``mentions``: singular words counted), in the plural
    too (``plurals``: the words of the session; "partial pricing" names no thing);
    [] otherwise."""
    words = [w for w in re.split(r"[^a-z]+", feature.lower()) if w]
    if len(words) != 2 or not ACTION_NOUN.search(words[1]) or ACTION_NOUN.search(words[0]):
        return []
    thing = singular(words[0])
    return [thing] if mentions[thing] >= MIN_MENTIONS and plural(thing) in plurals else []


# Words of a feature's name for the user interface, never a resource of the backend.
INTERFACE_WORDS = word_set("button form modal dialog widget banner panel menu link icon")
# Words of a feature's name saying what is done, never what it is done to.
CHANGE_WORDS = word_set(
    "fix remove delete update edit change rename refactor improve migrate create list get "
    "show set sync new old v1 v2 mvp"
)


def named_by_feature(context: ContextSession, index: RepoIndex) -> list[str]:
    """The new resources a feature's name gives when nothing else does: the words of
    the name (``waitlist-signup-button``) the session keeps using (``waitlist``, even
    in a session written in another language, which borrows it) and the repository
    has no file for. A last resort: a session naming no file, class, route or new
    entity in words the code uses (its entities in French: "**Inscription**") still
    gets the feature's resource laid out, rather than no plan."""
    vocabulary = index.resources()
    counted = Counter(singular(word) for word in re.findall(r"[a-z]+", context.text.lower()))
    words = [w for w in re.split(r"[^a-z]+", without_ticket_keys(context.feature).lower()) if w]
    found = _feature_compounds(words, context, vocabulary)
    for word in words:
        word = singular(word)
        if any(word in compound.split("_") for compound in found):
            continue  # ``fund`` of a ``decision_fund``
        if len(word) < 3 or word in found or word in vocabulary:
            continue
        if word in ROLE_WORDS or word in NOT_RESOURCES or word in REQUEST_WORDS:
            continue
        if word in AUDIENCE or word in INTERFACE_WORDS or word in CHANGE_WORDS:
            continue
        if ACTION_NOUN.search(word):
            continue  # ``onboarding``, ``generation``: something done
        if counted[word] >= MIN_MENTIONS:
            found.append(word)
    return found


def _feature_compounds(
    words: list[str], context: ContextSession, vocabulary: dict[str, int]
) -> list[str]:
    """Two words of a feature's name (``decision-fund``) that name one thing: written
    together in the session's title ("Золотой фонд решений (decision fund)") or
    ``MIN_MENTIONS`` times in its text, and no resource of the repository yet."""
    found: list[str] = []
    title, text = context.subject.lower(), context.text.lower()
    for first, second in zip(words, words[1:], strict=False):
        phrase = re.compile(rf"(?<![a-z]){re.escape(first)}[ _-]+{re.escape(second)}(?![a-z])")
        compound = f"{singular(first)}_{singular(second)}"
        if compound in vocabulary or min(len(first), len(second)) < 3:
            continue
        if phrase.search(title) or len(phrase.findall(text)) >= MIN_MENTIONS:
            found.append(compound)
    return found


# A session asking for storage of its own: "New repository port and Postgres
# adapter", "New `forecast` database table".
STORAGE_REQUEST = re.compile(
    r"\bnew\s+(?:`[^`\n]+`\s+)?(?:[a-z]+\s+){0,2}(?:repository|repositories|tables?)\b", re.I
)
# Words of a module that stores a resource (``trip_repository.py``, ``order_repo.py``).
STORAGE_ROLES = frozenset(("repository", "repositories", "repo", "repos", "dao"))


def newly_stored(context: ContextSession, index: RepoIndex, subjects: list[str]) -> list[str]:
    """The resources the feature is about that the session gives storage of their own
    (a new repository, a new table, on a line naming the resource) and that have none
    yet: no module of theirs is a repository. Their storage is laid out like another
    resource's."""
    asking = [line.lower() for line in context.text.splitlines() if STORAGE_REQUEST.search(line)]
    found = []
    for subject in subjects:
        if any(f"_{subject}_" in f"_{other}_" for other in subjects if other != subject):
            continue  # ``trip`` of ``trip_plan``: the whole name is the resource
        spelled = (subject, subject.replace("_", " "), plural(subject).replace("_", " "))
        if not any(name in line for line in asking for name in spelled):
            continue  # "new tables default to…" asks for none of this resource
        files = index.resource_files(subject)
        stored = any(
            STORAGE_ROLES & set(posixpath.basename(path).removesuffix(".py").split("_"))
            for path in files
        )
        if files and not stored:
            found.append(subject)
    return found


# A heading that sets out the shape of a stored thing: "### Station Record", "## Invoice
# Data Structure", "### Coupon Entity" (a name of one or two capitalised words).
RECORD_HEADING = re.compile(
    r"^#{2,6}[ \t]+(?P<name>[A-Z][a-z]{2,30}(?:[ \t][A-Z][a-z]{2,30})?)[ \t]+"
    r"(?:Record|Entity|Aggregate|Data[ \t]+Structure|Data[ \t]+Model|Table)s?[ \t]*$",
    re.M,
)
# What such a heading may name that is no stored thing of the feature's own.
NOT_RECORDS = word_set("request response error event log audit")


def record_headings(text: str) -> list[str]:
    """The names of the things ``text`` sets out under their own heading
    (``RECORD_HEADING``), in snake case: ``station`` of "### Station Record"."""
    found: list[str] = []
    for match in RECORD_HEADING.finditer(text):
        name = snake(match.group("name").replace(" ", ""))
        if name.split("_")[-1] not in NOT_RECORDS and name not in found:
            found.append(name)
    return found


# "stored in a `system_settings` DB table", "kept in a new `x` table": what a session
# stores in a table it names for the first time
STORED_IN_NAMED_TABLE = re.compile(
    r"\b(?:stored|kept|saved|persisted)\s+in\s+(?:a|an|its own)\s+(?:new\s+)?"
    r"`(?P<name>[a-z][a-z0-9_]*)`\s+(?:(?:database|db|sql)\s+)?table\b",
    re.I,
)
# In Chinese or Japanese: "新增 `asset_types` 表" (a new table), "新增 `x` 參照表", and a
# label naming one, "**表：`user_llm_configs`**" (table: …)
CJK_NEW_TABLES = (
    re.compile(
        r"(?:新增|新建|创建|建立|添加|增加|追加)\s*(?:一[张張个個])?\s*`(?P<name>[a-z][a-z0-9_]*)`"
        r"\s*\w{0,2}?表"
    ),
    re.compile(r"^[ \t#*>-]*(?:新)?表\s*[:：]\s*`(?P<name>[a-z][a-z0-9_]*)`", re.M),
)


def named_new_entities(text: str) -> list[str]:
    """The names of the new stored resources and modules ``text`` names in prose
    (``NEW_ENTITY``, ``NEW_MODULE``, a table it stores things in by name); never a
    technology's name (``NOT_MODULES``)."""
    found: list[str] = []
    for pattern in (*NEW_ENTITY, *NEW_MODULE, STORED_IN_NAMED_TABLE, *CJK_NEW_TABLES):
        for match in pattern.finditer(text):
            groups = match.groupdict()
            name = groups.get("quoted") or groups.get("capital") or groups.get("name")
            if (
                not groups.get("quoted")
                and (groups.get("kind") or "").lower() in _NAMED_ONLY_QUOTED
            ):
                continue
            if name and name.lower() not in NOT_MODULES and name not in found:
                found.append(name)
    return found


def without_project_names(known: RepoKnowledge) -> Callable[[str], str]:
    """What takes the project's own name out of a text: a session speaks of the product
    it changes by name ("codex-lb has grown…"), which names no resource of it. Only
    names of two words or more (``codex-lb``) are taken out, written with a hyphen, an
    underscore, a blank or nothing between them: a one-word name (``todo``) may well be
    the resource itself."""
    project = known.facts.project
    spelled = [
        r"[-_ ]?".join(map(re.escape, parts))
        for parts in (name.split("-") for name in (project.names if project else ()))
        if len(parts) > 1
    ]
    if not spelled:
        return lambda text: text
    pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(spelled)})(?![\w-])", re.I)
    return lambda text: pattern.sub(" ", text)


# A title naming what it designs in Chinese or Japanese with its Latin name beside it
# in parentheses: "Design: 撰写技巧（Writing Technique）".
_CJK = r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"
_LATIN_NAME = r"[A-Za-z][A-Za-z0-9]*(?:[ _-][A-Za-z][A-Za-z0-9]*){0,3}"
LATIN_IN_TITLE = re.compile(rf"{_CJK}[”」\"']?\s*[（(]\s*(?P<name>{_LATIN_NAME})\s*[）)]")


def latin_title_names(title: str) -> list[str]:
    """The Latin names a title gives beside a Chinese or Japanese one (``Writing
    Technique`` of "撰写技巧（Writing Technique）"): what the session designs."""
    return [
        re.sub(r"[ -]+", "_", match.group("name"))
        for match in LATIN_IN_TITLE.finditer(title)
        if match.group("name").lower() not in NOT_MODULES
    ]


def session_resources(
    context: ContextSession, index: RepoIndex, known: RepoKnowledge
) -> tuple[list[str], list[str], list[str]]:
    """Existing resources the feature name, title or text name (most named first), new
    ones (names the session gives that the repository has no file for), and the
    existing ones the feature is about (``subjects``): those its name or title names;
    else those the text names as entities (``User``, ``License.club_id``); else the
    most named. The others are named as context ("when a user is created")."""
    vocabulary = index.resources()
    unnamed = without_project_names(known)
    head = term_words(unnamed(without_ticket_keys(f"{context.feature} {context.subject}")))
    text = term_words(unnamed(context.text))
    counts = Counter(text)
    pairs = Counter(f"{a}_{b}" for a, b in zip(text, text[1:], strict=False))
    entities = {
        snake(m.qualname.rpartition(":")[2])
        for m in known.facts.models
        if m.kind == "entity" or m.layer == "domain"
    }
    capitalised = Counter(
        singular(snake(w)) for w in re.findall(r"(?<![\w.])[A-Z][a-z]{2,}(?![\w])", context.text)
    )
    threshold = MIN_MENTIONS if len(text) > SHORT_SESSION else MIN_MENTIONS - 1
    found: Counter[str] = Counter()
    joined_head = f"_{'_'.join(head)}_"
    for name in vocabulary:
        if name in ROLE_WORDS or name in REQUEST_WORDS or len(name) < 3:
            continue
        mentions = pairs[name] if "_" in name else counts[name]
        if f"_{name}_" in joined_head:
            mentions += 10
        if name in entities:
            mentions += capitalised[name]  # ``User`` in prose names the entity
        if mentions >= threshold:
            found[name] = mentions
    existing = [name for name, _ in found.most_common(4)]
    subjects = [name for name in existing if f"_{name}_" in joined_head]
    if not subjects:
        kinds = {snake(m.qualname.rpartition(":")[2]): m.kind for m in known.facts.models}
        subjects = [n for n in existing if kinds.get(n) == "entity" and capitalised[n]]
    new: list[str] = []
    for name in context.code_names:
        if not name.endswith(RESOURCE_SUFFIXES) or index.defined_in(name):
            continue
        words = [
            w for w in snake(name).split("_") if w not in ROLE_WORDS and w not in _SUFFIX_WORDS
        ]
        candidate = singular("_".join(words)) if words else ""
        if candidate and candidate not in vocabulary and candidate not in new:
            if any(singular(w) in vocabulary for w in words) and len(words) == 1:
                continue
            new.append(candidate)
    singulars = Counter(singular(word) for word in text)
    introduced = named_new_entities(context.text)
    named = [singular(snake(name)) for name in introduced]
    # an entity the session introduces by name is new unless a file is named after it
    # or a class is called so (``genre_index.py`` holds no ``Genre``)
    declared = {
        singular(snake(name))
        for name in introduced
        if not index.defined_in(name) and not vocabulary.get(singular(snake(name)))
    }
    named += [singular(snake(name)) for name in latin_title_names(context.subject)]
    named += [singular(name) for name in record_headings(context.text)]
    # a feature named after things in the plural the session keeps naming
    # (``custom-tags``, ``employees-shifts``) is about those things
    named += [
        singular(word)
        for word in re.split(r"[^a-z]+", without_ticket_keys(context.feature).lower())
        if singular(word) != word
        and not word.endswith(NO_PLURAL_ENDINGS)
        and singulars[singular(word)] >= MIN_MENTIONS
    ]
    spelled = set(re.findall(r"[a-z]+", context.text.lower()))
    named += feature_subject(without_ticket_keys(context.feature), singulars, spelled)
    for word in [*named, *managed_resources(prose(context.text), singulars)]:
        if word in ROLE_WORDS or word in NOT_RESOURCES:
            continue
        if word in vocabulary and word not in declared:
            continue
        if word not in new and word not in _SUFFIX_WORDS:
            new.append(word)
    for heading, item in context.sections.items():
        if FRONTEND_HEADING.search(heading):
            continue  # "**Components**:" of the user interface
        for entry in item:
            label = re.match(r"\*\*([A-Za-z][A-Za-z ]{2,30})\*\*\s*:", entry)
            words = [snake(w) for w in label.group(1).split()] if label else [""]
            word = singular(words[-1])
            if word == words[-1]:  # "**Invoices**:" names a resource, "**Club Access**:" not
                continue
            if any(singular(w) in vocabulary for w in words[:-1]):
                continue  # "**License types**:" describes the existing license
            if word in NOT_RESOURCES or word in AUDIENCE:
                continue
            if any(w in PHRASE_WORDS for w in words):
                continue  # "**Rotation sans duplicates**:" says something, names nothing
            if word not in vocabulary and word not in ROLE_WORDS and word not in new:
                new.append(word)
    return existing, new[:6], subjects or existing[:1]


# Systems named by a word that also names data (an email address): the system only
# when a sentence naming it sends something.
SENT_SYSTEMS = frozenset({"email", "e-mail"})
SENDING = re.compile(
    r"\b(?:send\w*|sent|deliver\w*|notif\w*|inbox|smtp|(?<!e-)mail(?:s|ed|ing)?|welcome|"
    r"reminder\w*|envi\w*|notific\w*|envoy\w*|courriel\w*)\b",
    re.I,
)


# Systems named by a code that also names other things (a station, a size, a sensor
# "S3"): the system only when a sentence naming it stores or fetches objects.
STORED_SYSTEMS = frozenset({"s3"})
STORING = re.compile(
    r"\b(?:bucket\w*|upload\w*|download\w*|stor\w*|objects?|aws|amazon|boto\w*|"
    r"presign\w*|files?|archiv\w*|backup\w*)\b",
    re.I,
)


def _sends(text: str, word: str, saying: re.Pattern[str] = SENDING) -> bool:
    """Whether a sentence of ``text`` naming ``word`` sends something (or says what
    ``saying`` finds)."""
    named = re.compile(rf"(?<![\w-]){re.escape(word)}(?![\w-])")
    for sentence in re.split(r"(?<=[.!?;])\s+|\n+", text):
        if named.search(sentence) and saying.search(sentence):
            return True
    return False


def session_externals(context: ContextSession, index: RepoIndex, known: RepoKnowledge) -> list[str]:
    """External systems the session names that the code does not use yet (no file,
    adapter technology or imported library carries their name or a synonym)."""
    text = context.text.lower()
    named = [t for t in TECHNOLOGIES if re.search(rf"(?<![\w-]){re.escape(t)}(?![\w-])", text)]
    used = " ".join(index.files).lower()
    used += " " + " ".join(t for a in known.facts.adapters for t in a.technologies).lower()
    # the libraries the code imports (``pgvector`` of a vector search the repository
    # has, named again by a session as what it builds on)
    used += " " + " ".join(sorted(external_libraries(known))).lower()
    found: list[str] = []
    for tech in named:
        if tech in SENT_SYSTEMS and not _sends(text, tech):
            continue  # "the username is the email": an address, not a mail system
        if tech in STORED_SYSTEMS and not _sends(text, tech, STORING):
            continue  # "| S3 | P3A |": a station's name, not an object store
        words = SYNONYMS.get(tech, (tech,))
        canonical = CANONICAL.get(tech, tech)
        unused = not any(re.search(rf"(?<![a-z]){re.escape(w)}", used) for w in words)
        if unused and canonical not in found:
            found.append(canonical)
    return found


def external_libraries(known: RepoKnowledge) -> set[str]:
    """The top names of the libraries the code imports (not the packages it pins: a
    pinned ``pillow`` nothing imports yet is what the feature starts to use)."""
    return {i.imported for i in known.analysis.scan.imports if i.external}


def change_kinds(
    context: ContextSession,
    known: RepoKnowledge,
    new_routes: int,
    new_resources: list[str],
    externals: list[str],
) -> list[str]:
    """Kinds of change: new routes, resources and systems, words that mark a kind, and
    greenfield for a repository with next to no modules."""
    head = " ".join([context.feature.replace("-", " ").replace("_", " "), context.text])
    kinds = []
    if new_routes:
        kinds.append("new_endpoint")
    if new_resources:
        kinds.append("new_resource")
    if externals:
        kinds.append("integration")
    for kind, words in KIND_WORDS.items():
        found = re.finditer(rf"\b(?:{words})\b", head, re.I)
        if any(not NEGATED.search(head, max(0, m.start() - 40), m.start()) for m in found):
            kinds.append(kind)
    if len(known.analysis.scan.modules) < 5:
        kinds.append("greenfield")
    return kinds


def packages_to_add(
    context: ContextSession, known: RepoKnowledge, externals: list[str]
) -> list[str]:
    """Packages to add: kebab names the session gives as packages (not change or
    capability names), and the usual package of each external system; pinned ones
    are left out."""
    project = known.facts.project
    capabilities = {
        label.group(1)
        for heading, items in context.sections.items()
        if CAPABILITIES.search(heading)
        for item in items
        for label in [LABELLED_NAME.match(item)]
        if label
    }
    wanted = []
    for name in context.packages:
        if name.replace("-", "_") == snake(context.feature) or CHANGE_NAME.match(name):
            continue
        if name in capabilities:
            continue  # "- `crawl4ai-deep-crawl`: …" under "New Capabilities": no package
        sentence = next((s for s in context.text.splitlines() if f"`{name}`" in s), "")
        first = name.split("-")[0]
        pins = project.pins if project else ()
        pinned_family = any(p.name.startswith(first) for p in pins)
        if PACKAGE_WORDS.search(sentence) or pinned_family or first in externals:
            wanted.append(name)
    for tech in externals:
        package = TECHNOLOGIES[tech]
        if package and package not in wanted:
            wanted.append(package)
    return [p for p in wanted if not (project and project.pin(p) is not None)]
