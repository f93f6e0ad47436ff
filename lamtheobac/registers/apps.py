from django.apps import AppConfig


class RegistersConfig(AppConfig):
    name = "lamtheobac.registers"
    label = "registers"
    verbose_name = "Sổ đăng ký văn bản đi"
