from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "lamtheobac.programme"
    label = "programme"
    verbose_name = "Chương trình năm: chuyên đề, chủ điểm quý, sinh hoạt chuyên đề"
