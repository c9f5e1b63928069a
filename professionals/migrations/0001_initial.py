# The professional tools move here from selfcare. Their tables keep their names, so only
# Django's record of the models changes; selfcare 0006 moves their content types and with
# them the groups' permissions.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import professionals.models.recommendations


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("selfcare", "0005_coordinators_see_indicators"),
        ("catalogue", "0009_lahella_activities"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='CounsellingMunicipality',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('offers_counselling', models.BooleanField(default=True, verbose_name='offers exercise counselling')),
                        ('self_referral', models.BooleanField(default=False, help_text='Otherwise only professionals can send a referral.', verbose_name='residents may refer themselves')),
                        ('intro', models.TextField(blank=True, help_text='Shown above the referral form: who the counselling is for, how it works.', verbose_name='intro')),
                        ('intro_fi', models.TextField(blank=True, help_text='Shown above the referral form: who the counselling is for, how it works.', null=True, verbose_name='intro')),
                        ('intro_sv', models.TextField(blank=True, help_text='Shown above the referral form: who the counselling is for, how it works.', null=True, verbose_name='intro')),
                        ('counsellors', models.ManyToManyField(blank=True, help_text="They see the municipality's referrals and get an e-mail of new ones.", related_name='counselling_municipalities', to=settings.AUTH_USER_MODEL, verbose_name='exercise counsellors')),
                        ('municipality', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='counselling', to='catalogue.municipality', verbose_name='municipality')),
                    ],
                    options={
                        'db_table': 'selfcare_counsellingmunicipality',
                        'verbose_name': 'exercise counselling in a municipality',
                        'verbose_name_plural': 'exercise counselling in municipalities',
                        'ordering': ['municipality__name_fi'],
                    },
                ),
                migrations.CreateModel(
                    name='RecommendationList',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.CharField(default=professionals.models.recommendations.new_list_code, max_length=20, unique=True, verbose_name='code')),
                        ('language', models.CharField(choices=[('fi', 'Finnish'), ('sv', 'Swedish')], default='fi', max_length=2, verbose_name='language')),
                        ('note', models.TextField(blank=True, max_length=1000, verbose_name='note to the client')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                        ('expires_at', models.DateTimeField(verbose_name='expires')),
                        ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='recommendation_lists', to=settings.AUTH_USER_MODEL, verbose_name='made by')),
                    ],
                    options={
                        'db_table': 'selfcare_recommendationlist',
                        'verbose_name': 'service recommendation list',
                        'verbose_name_plural': 'service recommendation lists',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='RecommendationItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveSmallIntegerField(verbose_name='position')),
                        ('note', models.TextField(blank=True, max_length=500, verbose_name='note')),
                        ('service', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='recommendations', to='catalogue.service')),
                        ('recommendation_list', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='professionals.recommendationlist')),
                    ],
                    options={
                        'db_table': 'selfcare_recommendationitem',
                        'verbose_name': 'recommended service',
                        'verbose_name_plural': 'recommended services',
                        'ordering': ['position'],
                    },
                ),
                migrations.CreateModel(
                    name='Referral',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('source', models.CharField(choices=[('professional', 'professional'), ('self', 'self-referral')], max_length=20, verbose_name='source')),
                        ('referring_unit', models.CharField(blank=True, max_length=200, verbose_name='referring unit')),
                        ('client_name', models.CharField(blank=True, max_length=200, verbose_name='name')),
                        ('phone', models.CharField(blank=True, max_length=40, verbose_name='phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('language', models.CharField(choices=[('fi', 'Finnish'), ('sv', 'Swedish')], max_length=2, verbose_name='preferred language')),
                        ('best_time', models.CharField(blank=True, max_length=200, verbose_name='best time to call')),
                        ('reason_prediabetes', models.BooleanField(default=False, verbose_name='prediabetes')),
                        ('reason_low_activity', models.BooleanField(default=False, verbose_name='low physical activity')),
                        ('reason_other', models.BooleanField(default=False, verbose_name='other reason')),
                        ('other_reason', models.CharField(blank=True, max_length=200, verbose_name='other reason, what')),
                        ('note', models.TextField(blank=True, max_length=1000, verbose_name='note')),
                        ('consent_at', models.DateTimeField(verbose_name='consent given')),
                        ('status', models.CharField(choices=[('received', 'received'), ('contacted', 'contacted'), ('started', 'counselling started'), ('completed', 'completed'), ('not_reached', 'not reached'), ('declined', 'declined')], default='received', max_length=20, verbose_name='status')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='received')),
                        ('status_changed_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='status changed')),
                        ('contacted_at', models.DateTimeField(blank=True, null=True, verbose_name='first successful contact')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='counselling started')),
                        ('completed_at', models.DateTimeField(blank=True, null=True, verbose_name='completed')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed')),
                        ('erased_at', models.DateTimeField(blank=True, null=True, verbose_name='personal data erased')),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='referrals', to='catalogue.municipality', verbose_name='municipality')),
                        ('referred_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='referrals_sent', to=settings.AUTH_USER_MODEL, verbose_name='referred by')),
                    ],
                    options={
                        'db_table': 'selfcare_referral',
                        'verbose_name': 'exercise counselling referral',
                        'verbose_name_plural': 'exercise counselling referrals',
                        'ordering': ['-created_at'],
                        'permissions': [('export_referral_indicators', 'Can export the exercise counselling indicators')],
                    },
                ),
                migrations.CreateModel(
                    name='ReferralAudit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='time')),
                        ('username', models.CharField(blank=True, max_length=150, verbose_name='user')),
                        ('action', models.CharField(choices=[('created', 'created'), ('viewed', 'viewed'), ('status', 'status changed'), ('note', 'note added'), ('erased', 'personal data erased')], max_length=20, verbose_name='action')),
                        ('referral', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='audit', to='professionals.referral')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'selfcare_referralaudit',
                        'verbose_name': 'referral audit entry',
                        'verbose_name_plural': 'referral audit log',
                        'ordering': ['-at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='ReferralEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='time')),
                        ('from_status', models.CharField(blank=True, max_length=20, verbose_name='from')),
                        ('to_status', models.CharField(blank=True, max_length=20, verbose_name='to')),
                        ('note', models.TextField(blank=True, max_length=1000, verbose_name='note')),
                        ('referral', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='professionals.referral')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'selfcare_referralevent',
                        'verbose_name': 'referral event',
                        'ordering': ['at', 'pk'],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
