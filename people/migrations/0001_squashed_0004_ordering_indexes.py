"""people 0001 to 0004 in one migration, for new databases (`migrate` in every test worker).

Made from the migrations it replaces by Django's optimizer, with the index and constraint
steps moved after the field steps and folded into each model's CreateModel where the fields
they name exist there. A new database gets the same schema either way: `pg_dump
--schema-only` and SQLite's `sqlite_master` were compared: identical, but for one column's
place on SQLite (people_organization's `parent_id` now before `version`, as on PostgreSQL). A database
that has all of 0001 to 0004 applied counts this one as applied; one part-way through them
goes on with them (they stay, unchanged).
"""

import concurrency.fields
import coopr.dates
import django.db.models.deletion
import django_countries.fields
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('people', '0001_initial'), ('people', '0002_historicalorganization_version_and_more'), ('people', '0003_labels'), ('people', '0004_ordering_indexes')]

    initial = True

    dependencies = [
        ('auth', '__first__'),
    ]

    operations = [
        migrations.CreateModel(
            name='Organization',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created')),
                ('updated', models.DateTimeField(auto_now=True, db_index=True, verbose_name='updated')),
                ('slug', models.SlugField(max_length=120, unique=True, verbose_name='slug')),
                ('name', models.CharField(help_text='The full name, e.g. Ministry of Economy, …', max_length=300, verbose_name='name')),
                ('name_en', models.CharField(help_text='The full name, e.g. Ministry of Economy, …', max_length=300, null=True, verbose_name='name')),
                ('name_ru', models.CharField(help_text='The full name, e.g. Ministry of Economy, …', max_length=300, null=True, verbose_name='name')),
                ('name_ja', models.CharField(help_text='The full name, e.g. Ministry of Economy, …', max_length=300, null=True, verbose_name='name')),
                ('short_name', models.CharField(blank=True, help_text='An acronym, e.g. METI.', max_length=100, verbose_name='short name')),
                ('short_name_en', models.CharField(blank=True, help_text='An acronym, e.g. METI.', max_length=100, null=True, verbose_name='short name')),
                ('short_name_ru', models.CharField(blank=True, help_text='An acronym, e.g. METI.', max_length=100, null=True, verbose_name='short name')),
                ('short_name_ja', models.CharField(blank=True, help_text='An acronym, e.g. METI.', max_length=100, null=True, verbose_name='short name')),
                ('other_names', models.TextField(blank=True, help_text='Other spellings and former names, one per line; used by search.', verbose_name='other names')),
                ('kind', models.CharField(choices=[('government', 'government'), ('ministry', 'ministry'), ('agency', 'agency'), ('legislature', 'legislature'), ('business_association', 'business association'), ('company', 'company'), ('university', 'university'), ('association', 'association'), ('bilateral_body', 'bilateral body'), ('other', 'other')], max_length=30, verbose_name='kind')),
                ('country', django_countries.fields.CountryField(blank=True, help_text='Leave empty for a bilateral or international body.', max_length=2, verbose_name='country')),
                ('website', models.URLField(blank=True, max_length=300, verbose_name='website')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('description_en', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_ru', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_ja', models.TextField(blank=True, null=True, verbose_name='description')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='children', to='people.organization', verbose_name='parent organization')),
                ('version', concurrency.fields.AutoIncVersionField(default=0, help_text='Goes up by one on every save.', verbose_name='version')),
            ],
            options={
                'verbose_name': 'organization',
                'verbose_name_plural': 'organizations',
                'ordering': ['name'],
                'constraints': [models.CheckConstraint(condition=models.Q(('parent', models.F('pk')), _negated=True), name='organization_not_own_parent')],
                'indexes': [models.Index(fields=['name_en', 'id'], name='organization_name_idx')],
            },
        ),
        migrations.CreateModel(
            name='Person',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created')),
                ('updated', models.DateTimeField(auto_now=True, db_index=True, verbose_name='updated')),
                ('slug', models.SlugField(max_length=120, unique=True, verbose_name='slug')),
                ('name', models.CharField(help_text='The name as written in each language, e.g. Seko Hiroshige / 世耕弘成.', max_length=200, verbose_name='name')),
                ('name_en', models.CharField(help_text='The name as written in each language, e.g. Seko Hiroshige / 世耕弘成.', max_length=200, null=True, verbose_name='name')),
                ('name_ru', models.CharField(help_text='The name as written in each language, e.g. Seko Hiroshige / 世耕弘成.', max_length=200, null=True, verbose_name='name')),
                ('name_ja', models.CharField(help_text='The name as written in each language, e.g. Seko Hiroshige / 世耕弘成.', max_length=200, null=True, verbose_name='name')),
                ('sort_name', models.CharField(help_text='Family name first, e.g. “Seko, Hiroshige”.', max_length=200, verbose_name='sort name')),
                ('other_names', models.TextField(blank=True, help_text='Other spellings, one per line (e.g. Maksim Oreshkin); used by search.', verbose_name='other names')),
                ('country', django_countries.fields.CountryField(blank=True, max_length=2, verbose_name='country')),
                ('biography', models.TextField(blank=True, verbose_name='short biography')),
                ('biography_en', models.TextField(blank=True, null=True, verbose_name='short biography')),
                ('biography_ru', models.TextField(blank=True, null=True, verbose_name='short biography')),
                ('biography_ja', models.TextField(blank=True, null=True, verbose_name='short biography')),
                ('version', concurrency.fields.AutoIncVersionField(default=0, help_text='Goes up by one on every save.', verbose_name='version')),
            ],
            options={
                'verbose_name': 'person',
                'verbose_name_plural': 'people',
                'ordering': ['sort_name', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('sort_name', ''), _negated=True), name='person_sort_name_not_empty')],
                'indexes': [models.Index(fields=['sort_name', 'id'], name='person_sort_name_idx')],
            },
        ),
        migrations.CreateModel(
            name='HistoricalOrganization',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created', models.DateTimeField(blank=True, db_index=True, editable=False, verbose_name='created')),
                ('updated', models.DateTimeField(blank=True, db_index=True, editable=False, verbose_name='updated')),
                ('slug', models.SlugField(max_length=120, verbose_name='slug')),
                ('name', models.CharField(help_text='The full name, e.g. Ministry of Economy, …', max_length=300, verbose_name='name')),
                ('name_en', models.CharField(help_text='The full name, e.g. Ministry of Economy, …', max_length=300, null=True, verbose_name='name')),
                ('name_ru', models.CharField(help_text='The full name, e.g. Ministry of Economy, …', max_length=300, null=True, verbose_name='name')),
                ('name_ja', models.CharField(help_text='The full name, e.g. Ministry of Economy, …', max_length=300, null=True, verbose_name='name')),
                ('short_name', models.CharField(blank=True, help_text='An acronym, e.g. METI.', max_length=100, verbose_name='short name')),
                ('short_name_en', models.CharField(blank=True, help_text='An acronym, e.g. METI.', max_length=100, null=True, verbose_name='short name')),
                ('short_name_ru', models.CharField(blank=True, help_text='An acronym, e.g. METI.', max_length=100, null=True, verbose_name='short name')),
                ('short_name_ja', models.CharField(blank=True, help_text='An acronym, e.g. METI.', max_length=100, null=True, verbose_name='short name')),
                ('other_names', models.TextField(blank=True, help_text='Other spellings and former names, one per line; used by search.', verbose_name='other names')),
                ('kind', models.CharField(choices=[('government', 'government'), ('ministry', 'ministry'), ('agency', 'agency'), ('legislature', 'legislature'), ('business_association', 'business association'), ('company', 'company'), ('university', 'university'), ('association', 'association'), ('bilateral_body', 'bilateral body'), ('other', 'other')], max_length=30, verbose_name='kind')),
                ('country', django_countries.fields.CountryField(blank=True, help_text='Leave empty for a bilateral or international body.', max_length=2, verbose_name='country')),
                ('website', models.URLField(blank=True, max_length=300, verbose_name='website')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('description_en', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_ru', models.TextField(blank=True, null=True, verbose_name='description')),
                ('description_ja', models.TextField(blank=True, null=True, verbose_name='description')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('parent', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.organization', verbose_name='parent organization')),
                ('version', concurrency.fields.AutoIncVersionField(default=0, help_text='Goes up by one on every save.', verbose_name='version')),
            ],
            options={
                'verbose_name': 'historical organization',
                'verbose_name_plural': 'historical organizations',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPerson',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created', models.DateTimeField(blank=True, db_index=True, editable=False, verbose_name='created')),
                ('updated', models.DateTimeField(blank=True, db_index=True, editable=False, verbose_name='updated')),
                ('slug', models.SlugField(max_length=120, verbose_name='slug')),
                ('name', models.CharField(help_text='The name as written in each language, e.g. Seko Hiroshige / 世耕弘成.', max_length=200, verbose_name='name')),
                ('name_en', models.CharField(help_text='The name as written in each language, e.g. Seko Hiroshige / 世耕弘成.', max_length=200, null=True, verbose_name='name')),
                ('name_ru', models.CharField(help_text='The name as written in each language, e.g. Seko Hiroshige / 世耕弘成.', max_length=200, null=True, verbose_name='name')),
                ('name_ja', models.CharField(help_text='The name as written in each language, e.g. Seko Hiroshige / 世耕弘成.', max_length=200, null=True, verbose_name='name')),
                ('sort_name', models.CharField(help_text='Family name first, e.g. “Seko, Hiroshige”.', max_length=200, verbose_name='sort name')),
                ('other_names', models.TextField(blank=True, help_text='Other spellings, one per line (e.g. Maksim Oreshkin); used by search.', verbose_name='other names')),
                ('country', django_countries.fields.CountryField(blank=True, max_length=2, verbose_name='country')),
                ('biography', models.TextField(blank=True, verbose_name='short biography')),
                ('biography_en', models.TextField(blank=True, null=True, verbose_name='short biography')),
                ('biography_ru', models.TextField(blank=True, null=True, verbose_name='short biography')),
                ('biography_ja', models.TextField(blank=True, null=True, verbose_name='short biography')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('version', concurrency.fields.AutoIncVersionField(default=0, help_text='Goes up by one on every save.', verbose_name='version')),
            ],
            options={
                'verbose_name': 'historical person',
                'verbose_name_plural': 'historical people',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='HistoricalPosition',
            fields=[
                ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                ('created', models.DateTimeField(blank=True, db_index=True, editable=False, verbose_name='created')),
                ('updated', models.DateTimeField(blank=True, db_index=True, editable=False, verbose_name='updated')),
                ('title', models.CharField(blank=True, help_text='The post as the source names it, e.g. Deputy Prime Minister.', max_length=300, verbose_name='title')),
                ('title_en', models.CharField(blank=True, help_text='The post as the source names it, e.g. Deputy Prime Minister.', max_length=300, null=True, verbose_name='title')),
                ('title_ru', models.CharField(blank=True, help_text='The post as the source names it, e.g. Deputy Prime Minister.', max_length=300, null=True, verbose_name='title')),
                ('title_ja', models.CharField(blank=True, help_text='The post as the source names it, e.g. Deputy Prime Minister.', max_length=300, null=True, verbose_name='title')),
                ('start', models.DateField(blank=True, help_text='When the post began, if a source says.', null=True, verbose_name='start')),
                ('start_precision', models.CharField(choices=[('day', 'day'), ('month', 'month'), ('year', 'year')], default='day', help_text='How precise the source is about the date before: day, month or year.', max_length=5, verbose_name='precision')),
                ('end', models.DateField(blank=True, help_text='When it ended; empty while current.', null=True, verbose_name='end')),
                ('end_precision', models.CharField(choices=[('day', 'day'), ('month', 'month'), ('year', 'year')], default='day', help_text='How precise the source is about the date before: day, month or year.', max_length=5, verbose_name='precision')),
                ('as_of', models.DateField(blank=True, help_text='A date on which a cited source shows the person in this post.', null=True, verbose_name='as of')),
                ('history_id', models.AutoField(primary_key=True, serialize=False)),
                ('history_date', models.DateTimeField(db_index=True)),
                ('history_change_reason', models.CharField(max_length=100, null=True)),
                ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('organization', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.organization', verbose_name='organization')),
                ('person', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='people.person', verbose_name='person')),
                ('version', concurrency.fields.AutoIncVersionField(default=0, help_text='Goes up by one on every save.', verbose_name='version')),
            ],
            options={
                'verbose_name': 'historical position',
                'verbose_name_plural': 'historical positions',
                'ordering': ('-history_date', '-history_id'),
                'get_latest_by': ('history_date', 'history_id'),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name='Position',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='created')),
                ('updated', models.DateTimeField(auto_now=True, db_index=True, verbose_name='updated')),
                ('title', models.CharField(blank=True, help_text='The post as the source names it, e.g. Deputy Prime Minister.', max_length=300, verbose_name='title')),
                ('title_en', models.CharField(blank=True, help_text='The post as the source names it, e.g. Deputy Prime Minister.', max_length=300, null=True, verbose_name='title')),
                ('title_ru', models.CharField(blank=True, help_text='The post as the source names it, e.g. Deputy Prime Minister.', max_length=300, null=True, verbose_name='title')),
                ('title_ja', models.CharField(blank=True, help_text='The post as the source names it, e.g. Deputy Prime Minister.', max_length=300, null=True, verbose_name='title')),
                ('start', models.DateField(blank=True, help_text='When the post began, if a source says.', null=True, verbose_name='start')),
                ('start_precision', models.CharField(choices=[('day', 'day'), ('month', 'month'), ('year', 'year')], default='day', help_text='How precise the source is about the date before: day, month or year.', max_length=5, verbose_name='precision')),
                ('end', models.DateField(blank=True, help_text='When it ended; empty while current.', null=True, verbose_name='end')),
                ('end_precision', models.CharField(choices=[('day', 'day'), ('month', 'month'), ('year', 'year')], default='day', help_text='How precise the source is about the date before: day, month or year.', max_length=5, verbose_name='precision')),
                ('as_of', models.DateField(blank=True, help_text='A date on which a cited source shows the person in this post.', null=True, verbose_name='as of')),
                ('organization', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='positions', to='people.organization', verbose_name='organization')),
                ('person', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='positions', to='people.person', verbose_name='person')),
                ('version', concurrency.fields.AutoIncVersionField(default=0, help_text='Goes up by one on every save.', verbose_name='version')),
            ],
            options={
                'verbose_name': 'position',
                'verbose_name_plural': 'positions',
                'ordering': ['person', 'start', 'as_of', 'pk'],
                'constraints': [models.CheckConstraint(condition=models.Q(('end__isnull', True), ('start__isnull', True), ('end__gte', models.F('start')), _connector='OR'), name='position_end_not_before_start'), models.CheckConstraint(condition=models.Q(('start_precision__in', ['day', 'month', 'year'])), name='position_start_precision_valid'), models.CheckConstraint(condition=models.Q(('end_precision__in', ['day', 'month', 'year'])), name='position_end_precision_valid'), models.CheckConstraint(condition=models.Q(models.Q(('title_en__gt', ''), ('title_en__isnull', False)), models.Q(('title_ru__gt', ''), ('title_ru__isnull', False)), models.Q(('title_ja__gt', ''), ('title_ja__isnull', False)), ('organization__isnull', False), _connector='OR'), name='position_has_title_or_organization'), models.CheckConstraint(condition=models.Q(('start__isnull', False), ('end__isnull', False), ('as_of__isnull', False), _connector='OR'), name='position_is_dated')],
            },
            bases=(coopr.dates.PartialDatesMixin, models.Model),
        ),
    ]

